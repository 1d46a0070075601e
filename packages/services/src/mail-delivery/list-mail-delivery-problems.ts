import { MAIL_RETRY } from "@trustdesk/domain";
import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";

export interface MailDeliveryProblem {
  id: string;
  to: string;
  template: string;
  subject: string;
  /** `dead`: given up after every attempt, waits for a person; `failing`: still being retried. */
  state: "dead" | "failing";
  attempts: number;
  lastError: string;
  createdAt: Date;
  /** When the worker tries again (failing only). */
  nextAttemptAt: Date | null;
}

/**
 * The admin page "Mail delivery": mails given up (dead letter) and mails whose last attempt failed,
 * newest first (at most `limit`), with the counts of both. The body is never shown: single-use links.
 */
export async function listMailDeliveryProblems(deps: ServiceDeps, limit = 200) {
  const rows = await deps.db
    .selectFrom("mail_outbox")
    .select([
      "id",
      "to_address",
      "template",
      "subject",
      "status",
      "attempts",
      "last_error",
      "created_at",
      "next_attempt_at",
    ])
    .where((eb) =>
      eb.or([
        eb("status", "=", "failed"),
        eb.and([eb("status", "=", "pending"), eb("last_error", "is not", null)]),
      ]),
    )
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  const counts = await deps.db
    .selectFrom("mail_outbox")
    .select([
      sql<number>`count(*) filter (where status = 'failed')::int`.as("dead"),
      sql<number>`count(*) filter (where status = 'pending' and last_error is not null)::int`.as("failing"),
    ])
    .where((eb) =>
      eb.or([
        eb("status", "=", "failed"),
        eb.and([eb("status", "=", "pending"), eb("last_error", "is not", null)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  const problems: MailDeliveryProblem[] = rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    template: r.template,
    subject: r.subject,
    state: r.status === "failed" ? "dead" : "failing",
    attempts: r.attempts,
    lastError: r.last_error ?? "",
    createdAt: r.created_at,
    nextAttemptAt: r.status === "failed" ? null : r.next_attempt_at,
  }));
  return { problems, dead: counts.dead, failing: counts.failing, maxAttempts: MAIL_RETRY.maxAttempts };
}
