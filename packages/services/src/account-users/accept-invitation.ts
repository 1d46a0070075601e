import { recordSuccessfulSignIn } from "@trustdesk/db";
import { type AcceptInvitationInput, DomainError } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import { type IssuedSession, startSession } from "../auth/start-session.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { enforceRateLimit, type RateLimitRule } from "../rate-limit/enforce-rate-limit.ts";
import { hashPassword } from "../security/passwords.ts";
import { sha256 } from "../security/tokens.ts";
import { lockAccountUsers } from "./account-user-access.ts";

/** Tokens carry 256 bits; this only stops a script from hammering the endpoint. */
const ACCEPT_LIMIT: RateLimitRule = { name: "invitation-accept:ip", limit: 20, windowSeconds: 3600 };

/** One answer for every token that can't be used: unknown, used, revoked, replaced or expired. */
export const INVITATION_UNUSABLE =
  "This invitation has expired or was already used. Ask the person who invited you for a new one.";

const ADDRESS_TAKEN =
  "This email address already has an account with us. Sign in with it, or ask to be invited with another address.";

const ACCOUNT_SUSPENDED =
  "This account is suspended to protect it, so nobody can join it for now. Ask the person who invited you to try again once it is active.";

export interface InvitationAccepted extends IssuedSession {
  accountId: string;
  userId: string;
}

/**
 * Turns an emailed invitation into a user of the inviting account and signs them in (a new session,
 * replacing whatever session the browser presented, as sign-up does). The invitation is checked and
 * used under the account's users lock and a row lock, so any number of concurrent accepts of one
 * token create exactly one user; the others get the one "expired or already used" answer. Nobody
 * joins an account that is suspended for a takeover: an invitation sent by a thief must not let
 * them back in.
 */
export async function acceptInvitation(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: AcceptInvitationInput,
  presentedSessionId: string | null,
): Promise<InvitationAccepted> {
  await enforceRateLimit(deps, ACCEPT_LIMIT, meta.ip ?? "unknown");
  const tokenHash = sha256(input.token);
  const passwordHash = await hashPassword(input.password, deps.config.fastPasswordHashing);
  const now = deps.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // Find the account first, then take its lock, then lock and re-check the row: the same lock
      // order as inviting (which ends open invitations), so the two can never deadlock.
      const found = await trx
        .selectFrom("account_invitations")
        .select("account_id")
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      if (!found) throw new DomainError("PRECONDITION_FAILED", INVITATION_UNUSABLE);
      await lockAccountUsers(trx, found.account_id);
      const invitation = await trx
        .selectFrom("account_invitations as i")
        .innerJoin("accounts as a", "a.id", "i.account_id")
        .leftJoin("customer_users as inviter", "inviter.id", "i.invited_by_user_id")
        .select([
          "i.id",
          "i.account_id",
          "i.email",
          "i.role",
          "i.expires_at",
          "i.accepted_at",
          "i.ended_at",
          "a.closed_at",
          "inviter.name as invited_by",
        ])
        .where("i.token_hash", "=", tokenHash)
        .forUpdate("i")
        .executeTakeFirst();
      if (
        !invitation ||
        invitation.accepted_at ||
        invitation.ended_at ||
        invitation.expires_at <= now ||
        invitation.closed_at
      ) {
        throw new DomainError("PRECONDITION_FAILED", INVITATION_UNUSABLE);
      }
      const takeover = await trx
        .selectFrom("enforcements")
        .select("id")
        .where("account_id", "=", invitation.account_id)
        .where("reason", "=", "account_takeover")
        .where("status", "=", "active")
        .executeTakeFirst();
      if (takeover) throw new DomainError("PRECONDITION_FAILED", ACCOUNT_SUSPENDED);

      const user = await trx
        .insertInto("customer_users")
        .values({
          account_id: invitation.account_id,
          email: invitation.email,
          name: input.name,
          role: invitation.role,
          password_hash: passwordHash,
          password_changed_at: now,
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("account_invitations")
        .set({ accepted_at: now, accepted_user_id: user.id })
        .where("id", "=", invitation.id)
        .execute();
      const actor = { type: "customer" as const, userId: user.id, accountId: invitation.account_id };
      await recordAudit(trx, actor, meta, {
        action: "account_user.joined",
        subjectType: "customer_user",
        subjectId: user.id,
        accountId: invitation.account_id,
        after: {
          name: input.name,
          email: invitation.email,
          role: invitation.role,
          invitedBy: invitation.invited_by,
          invitationId: invitation.id,
        },
      });
      const issued = await startSession(trx, deps, meta, "customer", user.id, "full", presentedSessionId);
      await recordSuccessfulSignIn(trx, "customer", user.id, now);
      await recordAudit(trx, actor, meta, {
        action: "auth.signed_in",
        subjectType: "session",
        subjectId: issued.sessionId,
        accountId: invitation.account_id,
      });
      return { ...issued, accountId: invitation.account_id, userId: user.id };
    });
  } catch (error) {
    // The address became a user (of any account) after the invitation was sent: the unique index
    // on current users' emails decides. Only the mailbox's owner holds the token, so saying so
    // reveals nothing to anyone else.
    if ((error as { code?: string }).code === "23505") {
      throw new DomainError("CONFLICT", ADDRESS_TAKEN);
    }
    throw error;
  }
}
