import { appendAuditEvent, enqueueMail } from "@trustdesk/db";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { passwordResetMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { randomToken, sha256 } from "../security/tokens.ts";

/**
 * Emails a single-use reset link that expires. The answer is the same whether or not the address
 * has an account, so the form cannot be used to find out who is a customer.
 */
export async function requestPasswordReset(
  deps: ServiceDeps,
  meta: RequestMeta,
  email: string,
): Promise<void> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.resetRequestPerIp, meta.ip ?? "unknown");
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.resetRequestPerEmail, email);
  const user = await deps.db
    .selectFrom("customer_users")
    .select(["id", "account_id", "email"])
    .where("email", "=", email)
    // A removed user's address may belong to a current user now; only the current one is reset.
    .where("removed_at", "is", null)
    .executeTakeFirst();
  if (!user) return;
  const now = deps.now();
  const token = randomToken();
  const ttl = deps.config.passwordResetTtlMinutes;
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("password_reset_tokens")
      .values({
        customer_user_id: user.id,
        token_hash: sha256(token),
        expires_at: new Date(now.getTime() + ttl * 60_000),
        requested_ip: meta.ip,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const link = new URL(`/reset-password?token=${token}`, deps.config.publicUrl).toString();
    await enqueueMail(trx, passwordResetMail(user.email, link, ttl));
    await appendAuditEvent(trx, {
      actorType: "system",
      actorId: null,
      action: "auth.password_reset_requested",
      subjectType: "customer_user",
      subjectId: user.id,
      accountId: user.account_id,
      after: { tokenId: row.id },
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}
