import { enqueueMail, revokeUserSessions } from "@trustdesk/db";
import { DomainError, type RemoveAccountUserInput, removalRefusal } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { removedFromAccountMail } from "../mail/templates.ts";
import {
  type AccountUserActor,
  auditActor,
  findAccountUser,
  loadManager,
  lockAccountUsers,
} from "./account-user-access.ts";

/**
 * Removes a user from the caller's account, in one transaction: the row is marked removed (tickets,
 * keys and the audit log keep pointing at the person), every session of theirs ends at once, their
 * outstanding password-reset links die, and the invitations they sent and nobody accepted yet end
 * too (someone removed for a reason should not be able to let anyone in afterwards). Removing a
 * user who is already removed changes nothing, so a retry is harmless.
 */
export async function removeAccountUser(
  deps: ServiceDeps,
  actor: AccountUserActor,
  meta: RequestMeta,
  input: RemoveAccountUserInput,
): Promise<{ removed: boolean }> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockAccountUsers(trx, actor.accountId);
    const manager = await loadManager(trx, actor);
    const target = await findAccountUser(trx, actor.accountId, input.userId);
    if (target.removed_at) return { removed: false };
    const refusal = removalRefusal(manager, target);
    if (refusal) throw new DomainError("FORBIDDEN", refusal);
    await trx.updateTable("customer_users").set({ removed_at: now }).where("id", "=", target.id).execute();
    const sessionsRevoked = await revokeUserSessions(trx, "customer", target.id, "removed_from_account", now);
    await trx
      .updateTable("password_reset_tokens")
      .set({ used_at: now })
      .where("customer_user_id", "=", target.id)
      .where("used_at", "is", null)
      .execute();
    const invitationsEnded = await trx
      .updateTable("account_invitations")
      .set({ ended_at: now, ended_reason: "inviter_removed", ended_by_user_id: actor.userId })
      .where("invited_by_user_id", "=", target.id)
      .where("accepted_at", "is", null)
      .where("ended_at", "is", null)
      .returning("id")
      .execute();
    await enqueueMail(trx, removedFromAccountMail(target.email, manager.accountName, manager.name));
    await recordAudit(trx, auditActor(actor), meta, {
      action: "account_user.removed",
      subjectType: "customer_user",
      subjectId: target.id,
      accountId: actor.accountId,
      before: { name: target.name, email: target.email, role: target.role },
      after: {
        removedBy: manager.name,
        sessionsRevoked,
        invitationsEnded: invitationsEnded.length,
      },
    });
    return { removed: true };
  });
}
