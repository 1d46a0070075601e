import { DomainError, FIRST_RESPONSE_HOURS } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";

function responseWindow(createdAt: Date, firstResponseAt: Date | null, status: string) {
  if (firstResponseAt || status === "solved" || status === "closed") return null;
  return {
    expected: new Date(createdAt.getTime() + FIRST_RESPONSE_HOURS.expected * 3_600_000),
    latest: new Date(createdAt.getTime() + FIRST_RESPONSE_HOURS.latest * 3_600_000),
  };
}

/** Every ticket of the caller's account (never another's: the account id comes from the session). */
export async function listCustomerTickets(deps: ServiceDeps, accountId: string) {
  const rows = await deps.db
    .selectFrom("tickets")
    .select([
      "id",
      "number",
      "subject",
      "category",
      "status",
      "created_at",
      "updated_at",
      "first_response_at",
    ])
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return rows.map((t) => ({
    id: t.id,
    number: Number(t.number),
    subject: t.subject,
    category: t.category,
    status: t.status,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    firstResponseDueBy: responseWindow(t.created_at, t.first_response_at, t.status),
  }));
}

/**
 * One ticket with its public messages, scoped to the caller's account. Another account's ticket id
 * answers NOT_FOUND, exactly like an id that does not exist, so ids cannot be probed.
 */
export async function getCustomerTicket(deps: ServiceDeps, accountId: string, ticketId: string) {
  const ticket = await deps.db
    .selectFrom("tickets")
    .select([
      "id",
      "number",
      "subject",
      "category",
      "status",
      "form",
      "created_at",
      "updated_at",
      "first_response_at",
    ])
    .where("id", "=", ticketId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  if (!ticket) throw new DomainError("NOT_FOUND", "We couldn't find that ticket on your account.");
  const messages = await deps.db
    .selectFrom("ticket_messages as m")
    .leftJoin("customer_users as u", "u.id", "m.author_customer_user_id")
    .leftJoin("staff_users as s", "s.id", "m.author_staff_id")
    .select(["m.id", "m.body", "m.created_at", "u.name as customer_name", "s.name as staff_name"])
    .where("m.ticket_id", "=", ticket.id)
    .where("m.visibility", "=", "public")
    .orderBy("m.created_at")
    .execute();
  return {
    id: ticket.id,
    number: Number(ticket.number),
    subject: ticket.subject,
    category: ticket.category,
    status: ticket.status,
    createdAt: ticket.created_at,
    updatedAt: ticket.updated_at,
    firstResponseDueBy: responseWindow(ticket.created_at, ticket.first_response_at, ticket.status),
    messages: messages.map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: m.created_at,
      author: m.staff_name
        ? { kind: "staff" as const, name: m.staff_name }
        : { kind: "customer" as const, name: m.customer_name ?? "You" },
    })),
  };
}
