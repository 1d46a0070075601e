import { enqueueMail } from "@trustdesk/db";
import {
  DomainError,
  INVITATION_TTL_DAYS,
  type InviteAccountUserInput,
  invitationRefusal,
} from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { accountInvitationForExistingUserMail, accountInvitationMail } from "../mail/templates.ts";
import { enforceRateLimit, type RateLimitRule } from "../rate-limit/enforce-rate-limit.ts";
import { randomToken, sha256 } from "../security/tokens.ts";
import { type AccountUserActor, auditActor, loadManager, lockAccountUsers } from "./account-user-access.ts";

/** Each invitation sends a mail to an address we don't know: enough for a team, a wall for spam. */
const INVITE_LIMIT: RateLimitRule = { name: "invite:user", limit: 30, windowSeconds: 3600 };

export interface InvitationSent {
  invitationId: string;
  email: string;
  role: InviteAccountUserInput["role"];
  expiresAt: Date;
}

/**
 * Invites an address to the caller's account with a single-use link that expires in seven days;
 * only the token's SHA-256 is stored. Inviting the same address again replaces the open invitation.
 *
 * An address that already belongs to a user of another account gets the same answer and an open
 * invitation row like any other (the inviter can never tell whether an address is registered); its
 * mailbox receives "someone tried to add you" instead of a link, so that row can never be accepted.
 * An address that is already a user of this very account is refused: the caller can see it anyway.
 */
export async function inviteAccountUser(
  deps: ServiceDeps,
  actor: AccountUserActor,
  meta: RequestMeta,
  input: InviteAccountUserInput,
): Promise<InvitationSent> {
  await enforceRateLimit(deps, INVITE_LIMIT, actor.userId);
  const token = randomToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  return deps.db.transaction().execute(async (trx) => {
    await lockAccountUsers(trx, actor.accountId);
    const manager = await loadManager(trx, actor);
    const refusal = invitationRefusal(manager, input.role);
    if (refusal) throw new DomainError("FORBIDDEN", refusal, { fields: { role: refusal } });

    const existing = await trx
      .selectFrom("customer_users")
      .select(["id", "account_id"])
      .where("email", "=", input.email)
      .where("removed_at", "is", null)
      .executeTakeFirst();
    if (existing?.account_id === actor.accountId) {
      const message = `${input.email} is already a user of this account.`;
      throw new DomainError("CONFLICT", message, { fields: { email: message } });
    }

    const replaced = await trx
      .updateTable("account_invitations")
      .set({ ended_at: now, ended_reason: "replaced", ended_by_user_id: actor.userId })
      .where("account_id", "=", actor.accountId)
      .where("email", "=", input.email)
      .where("accepted_at", "is", null)
      .where("ended_at", "is", null)
      .returning("id")
      .execute();
    const invitation = await trx
      .insertInto("account_invitations")
      .values({
        account_id: actor.accountId,
        email: input.email,
        role: input.role,
        token_hash: sha256(token),
        invited_by_user_id: actor.userId,
        created_at: now,
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    if (existing) {
      await enqueueMail(
        trx,
        accountInvitationForExistingUserMail(
          input.email,
          manager.name,
          manager.accountName,
          deps.config.publicUrl,
        ),
      );
    } else {
      const link = new URL(
        `/invitations/accept?token=${encodeURIComponent(token)}`,
        deps.config.publicUrl,
      ).toString();
      await enqueueMail(
        trx,
        accountInvitationMail(
          input.email,
          manager.name,
          manager.accountName,
          input.role,
          link,
          INVITATION_TTL_DAYS,
        ),
      );
    }
    await recordAudit(trx, auditActor(actor), meta, {
      action: "account_user.invited",
      subjectType: "account_invitation",
      subjectId: invitation.id,
      accountId: actor.accountId,
      after: {
        email: input.email,
        role: input.role,
        invitedBy: manager.name,
        expiresAt: expiresAt.toISOString(),
        replacedInvitations: replaced.length,
        // For staff reading the log only: the customer's answer never says this.
        addressAlreadyRegistered: Boolean(existing),
      },
    });
    return { invitationId: invitation.id, email: input.email, role: input.role, expiresAt };
  });
}
