import { DomainError, type RevokeInvitationInput } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { type AccountUserActor, auditActor, loadManager, lockAccountUsers } from "./account-user-access.ts";

/**
 * Withdraws an open invitation of the caller's account: its link stops working at once. Revoking
 * one that already ended is a no-op (safe to retry); one that was accepted is refused with what to
 * do instead. Another account's invitation id answers NOT_FOUND like an unknown one.
 */
export async function revokeInvitation(
  deps: ServiceDeps,
  actor: AccountUserActor,
  meta: RequestMeta,
  input: RevokeInvitationInput,
): Promise<{ revoked: boolean }> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockAccountUsers(trx, actor.accountId);
    const manager = await loadManager(trx, actor);
    const invitation = await trx
      .selectFrom("account_invitations")
      .select(["id", "email", "role", "accepted_at", "ended_at"])
      .where("id", "=", input.invitationId)
      .where("account_id", "=", actor.accountId)
      .executeTakeFirst();
    if (!invitation) throw new DomainError("NOT_FOUND", "We couldn't find that invitation on your account.");
    if (invitation.accepted_at) {
      throw new DomainError(
        "CONFLICT",
        `${invitation.email} already accepted this invitation. Remove them from the users list instead.`,
      );
    }
    if (invitation.ended_at) return { revoked: false };
    await trx
      .updateTable("account_invitations")
      .set({ ended_at: now, ended_reason: "revoked", ended_by_user_id: actor.userId })
      .where("id", "=", invitation.id)
      .execute();
    await recordAudit(trx, auditActor(actor), meta, {
      action: "account_user.invitation_revoked",
      subjectType: "account_invitation",
      subjectId: invitation.id,
      accountId: actor.accountId,
      after: { email: invitation.email, role: invitation.role, revokedBy: manager.name },
    });
    return { revoked: true };
  });
}
