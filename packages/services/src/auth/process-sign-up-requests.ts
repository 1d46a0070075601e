import { appendAuditEvent, enqueueMail } from "@trustdesk/db";
import type { ServiceDeps } from "../deps.ts";
import { confirmSignUpMail, signUpExistingAccountMail } from "../mail/templates.ts";
import { randomToken, sha256 } from "../security/tokens.ts";

/**
 * Works the queue the sign-up form fills, one request per transaction (SKIP LOCKED: any number of
 * processes). A new address gets a single-use link, expiring after `signUpLinkTtlHours` and stored
 * hashed; an address with an account gets "someone tried to sign up with your address" and the
 * request (with its password hash) is deleted. It also deletes expired links and requests that
 * were never worked within a link's lifetime. Returns how many requests it worked.
 */
export async function processSignUpRequests(deps: ServiceDeps, limit = 20): Promise<number> {
  const now = deps.now();
  const ttlHours = deps.config.signUpLinkTtlHours;
  const staleBefore = new Date(now.getTime() - ttlHours * 3_600_000);
  await deps.db
    .deleteFrom("signup_requests")
    .where((eb) =>
      eb.or([
        eb("expires_at", "<", now),
        eb.and([eb("processed_at", "is", null), eb("created_at", "<", staleBefore)]),
      ]),
    )
    .execute();
  let worked = 0;
  while (worked < limit) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const request = await trx
        .selectFrom("signup_requests")
        .select(["id", "email", "name", "signup_ip", "request_id"])
        .where("processed_at", "is", null)
        .orderBy("created_at")
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!request) return false;
      const existing = await trx
        .selectFrom("customer_users")
        .select(["id", "account_id"])
        .where("email", "=", request.email)
        .executeTakeFirst();
      if (existing) {
        await trx.deleteFrom("signup_requests").where("id", "=", request.id).execute();
        await enqueueMail(
          trx,
          signUpExistingAccountMail(
            request.email,
            new URL("/sign-in", deps.config.publicUrl).toString(),
            new URL("/forgot-password", deps.config.publicUrl).toString(),
          ),
        );
        await appendAuditEvent(trx, {
          actorType: "system",
          actorId: null,
          action: "auth.sign_up_for_existing_account",
          subjectType: "customer_user",
          subjectId: existing.id,
          accountId: existing.account_id,
          requestId: request.request_id,
          ip: request.signup_ip,
        });
        return true;
      }
      const token = randomToken();
      await trx
        .updateTable("signup_requests")
        .set({
          processed_at: now,
          token_hash: sha256(token),
          expires_at: new Date(now.getTime() + ttlHours * 3_600_000),
        })
        .where("id", "=", request.id)
        .execute();
      const link = new URL(`/confirm-sign-up?token=${token}`, deps.config.publicUrl).toString();
      await enqueueMail(trx, confirmSignUpMail(request.email, request.name, link, ttlHours));
      await appendAuditEvent(trx, {
        actorType: "system",
        actorId: null,
        action: "auth.sign_up_link_sent",
        subjectType: "signup_request",
        subjectId: request.id,
        requestId: request.request_id,
        ip: request.signup_ip,
      });
      return true;
    });
    if (!done) break;
    worked++;
  }
  return worked;
}
