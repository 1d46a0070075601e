import { OPEN_TICKET_STATUSES, ticketAgeAlarm } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";

/**
 * The agents' queue: open tickets, the ones the customer escalated (a takeover they are living
 * through) first, then the unanswered ones, oldest first, each with its age against 24 h / 48 h.
 */
export async function listTicketQueue(deps: ServiceDeps) {
  const now = deps.now();
  const rows = await deps.db
    .selectFrom("tickets as t")
    .innerJoin("accounts as a", "a.id", "t.account_id")
    .select([
      "t.id",
      "t.number",
      "t.subject",
      "t.category",
      "t.status",
      "t.priority",
      "t.account_id",
      "a.name as account_name",
      "t.created_at",
      "t.first_response_at",
      "t.escalated_at",
    ])
    .where("t.status", "in", OPEN_TICKET_STATUSES)
    .orderBy((eb) => eb.case().when("t.escalated_at", "is not", null).then(0).else(1).end())
    .orderBy((eb) => eb.case().when("t.first_response_at", "is", null).then(0).else(1).end())
    .orderBy("t.created_at")
    .limit(500)
    .execute();
  return rows.map((t) => ({
    id: t.id,
    number: Number(t.number),
    subject: t.subject,
    category: t.category,
    status: t.status,
    priority: t.priority,
    accountId: t.account_id,
    accountName: t.account_name,
    createdAt: t.created_at,
    firstResponseAt: t.first_response_at,
    escalatedAt: t.escalated_at,
    ageHours: Math.floor((now.getTime() - t.created_at.getTime()) / 3_600_000),
    ageAlarm: ticketAgeAlarm(t.created_at, t.first_response_at, now),
  }));
}
