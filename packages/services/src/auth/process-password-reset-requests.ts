import { appendAuditEvent, enqueueMail } from "@trustdesk/db";
import type { ServiceDeps } from "../deps.ts";
import { passwordResetMail } from "../mail/templates.ts";
import { randomToken, sha256 } from "../security/tokens.ts";

/**
 * Works the queue the "forgot password" form fills: one request per transaction, claimed with
 * SKIP LOCKED so any number of processes can run it. A known address gets a single-use, expiring
 * link (stored hashed), the mail and the audit event in that transaction; an unknown one gets
 * nothing. The request row is deleted either way, so unknown addresses are not kept. A request
 * older than a link's lifetime is dropped unworked (its link would be stale, and a request that
 * keeps failing cannot block the queue for longer than that). Returns how many it worked.
 */
export async function processPasswordResetRequests(deps: ServiceDeps, limit = 20): Promise<number> {
  const now = deps.now();
  const ttl = deps.config.passwordResetTtlMinutes;
  await deps.db
    .deleteFrom("password_reset_requests")
    .where("created_at", "<", new Date(now.getTime() - ttl * 60_000))
    .execute();
  let worked = 0;
  while (worked < limit) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const request = await trx
        .selectFrom("password_reset_requests")
        .selectAll()
        .orderBy("created_at")
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!request) return false;
      await trx.deleteFrom("password_reset_requests").where("id", "=", request.id).execute();
      const user = await trx
        .selectFrom("customer_users")
        .select(["id", "account_id", "email"])
        .where("email", "=", request.email)
        // A removed user's address may belong to a current user now; only the current one is reset.
        .where("removed_at", "is", null)
        .executeTakeFirst();
      if (!user) return true;
      const token = randomToken();
      const row = await trx
        .insertInto("password_reset_tokens")
        .values({
          customer_user_id: user.id,
          token_hash: sha256(token),
          expires_at: new Date(now.getTime() + ttl * 60_000),
          requested_ip: request.requested_ip,
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
        requestId: request.request_id,
        ip: request.requested_ip,
      });
      return true;
    });
    if (!done) break;
    worked++;
  }
  return worked;
}
