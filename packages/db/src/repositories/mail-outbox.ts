import type { MailRetryDecision } from "@trustdesk/domain";
import { sql } from "kysely";
import type { Executor } from "./executor.ts";

export interface OutboxMail {
  to: string;
  template: string;
  subject: string;
  text: string;
}

export async function enqueueMail(db: Executor, mail: OutboxMail): Promise<string> {
  const row = await db
    .insertInto("mail_outbox")
    .values({ to_address: mail.to, template: mail.template, subject: mail.subject, text_body: mail.text })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims up to `limit` due mails for one delivery attempt. SKIP LOCKED lets any number of workers
 * share the outbox; the claim pushes next_attempt_at out so a worker that dies mid-send leaves the
 * mail to be retried later (at-least-once), never lost.
 */
export function claimDueMails(db: Executor, limit: number, leaseSeconds: number) {
  return db
    .updateTable("mail_outbox")
    .set({
      attempts: sql`attempts + 1`,
      next_attempt_at: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .where(
      "id",
      "in",
      db
        .selectFrom("mail_outbox")
        .select("id")
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", sql<Date>`now()`)
        .orderBy("next_attempt_at")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export async function markMailSent(db: Executor, id: string): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({ status: "sent", sent_at: sql`now()`, last_error: null })
    .where("id", "=", id)
    .execute();
}

/**
 * Records a failed delivery as the caller decided it: back to `pending` or given up as `failed`, next
 * tried after `retryInSeconds` (the backoff policy is the domain's `afterFailedDelivery`).
 */
export async function markMailFailed(
  db: Executor,
  id: string,
  outcome: MailRetryDecision & { error: string },
) {
  await db
    .updateTable("mail_outbox")
    .set({
      status: outcome.status,
      last_error: outcome.error.slice(0, 1000),
      next_attempt_at: sql`now() + make_interval(secs => ${outcome.retryInSeconds})`,
    })
    .where("id", "=", id)
    .execute();
}

/** Gives back a claim that was never attempted (the worker is stopping): due now, attempt not counted. */
export async function releaseClaimedMail(db: Executor, id: string): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({ attempts: sql`greatest(attempts - 1, 0)`, next_attempt_at: sql`now()` })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}
