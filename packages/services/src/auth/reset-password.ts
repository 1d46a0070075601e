import { appendAuditEvent, enqueueMail, revokeUserSessions, updatePasswordHash } from "@trustdesk/db";
import { DomainError, type ResetPasswordInput } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { passwordChangedMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, clearRateLimit, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { hashPassword } from "../security/passwords.ts";
import { sha256 } from "../security/tokens.ts";

const UNUSABLE = "This reset link has expired or was already used. Request a new one.";

/**
 * Sets a new password from an emailed token. The token works once (row lock + used_at), expires,
 * and using it signs out every session and voids every other outstanding reset link. It also ends
 * a sign-in pause (failed attempts, lock, the per-email sign-in limit): whoever holds the link
 * holds the mailbox, which is what the pause told the owner to use.
 */
export async function resetPassword(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: ResetPasswordInput,
): Promise<void> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.resetPerIp, meta.ip ?? "unknown");
  const passwordHash = await hashPassword(input.newPassword, deps.config.fastPasswordHashing);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const token = await trx
      .selectFrom("password_reset_tokens as t")
      .innerJoin("customer_users as u", "u.id", "t.customer_user_id")
      .select([
        "t.id",
        "t.customer_user_id",
        "t.expires_at",
        "t.used_at",
        "u.email",
        "u.account_id",
        "u.failed_sign_ins",
        "u.locked_until",
      ])
      .where("t.token_hash", "=", sha256(input.token))
      .forUpdate("t")
      .executeTakeFirst();
    if (!token || token.used_at || token.expires_at <= now)
      throw new DomainError("PRECONDITION_FAILED", UNUSABLE);
    await trx
      .updateTable("password_reset_tokens")
      .set({ used_at: now })
      .where("customer_user_id", "=", token.customer_user_id)
      .where("used_at", "is", null)
      .execute();
    // Sets the hash and zeroes failed_sign_ins and locked_until in the same statement.
    await updatePasswordHash(trx, "customer", token.customer_user_id, passwordHash, now);
    await clearRateLimit(trx, AUTH_RATE_LIMITS.signInPerEmail, `customer:${token.email}`);
    const revoked = await revokeUserSessions(trx, "customer", token.customer_user_id, "password_reset", now);
    await enqueueMail(trx, passwordChangedMail(token.email, now));
    await appendAuditEvent(trx, {
      actorType: "customer",
      actorId: token.customer_user_id,
      action: "auth.password_reset",
      subjectType: "customer_user",
      subjectId: token.customer_user_id,
      accountId: token.account_id,
      before: {
        failedSignIns: token.failed_sign_ins,
        lockedUntil: token.locked_until?.toISOString() ?? null,
      },
      after: { sessionsRevoked: revoked, tokenId: token.id, failedSignIns: 0, lockedUntil: null },
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}
