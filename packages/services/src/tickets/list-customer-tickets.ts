import {
  type CustomerRole,
  canManageAccountUsers,
  DomainError,
  FIRST_RESPONSE_HOURS,
} from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";

/** Who reads tickets: owners and admins see the account's every ticket, a member only their own. */
export interface TicketViewer {
  userId: string;
  accountId: string;
  role: CustomerRole;
}

function responseWindow(createdAt: Date, firstResponseAt: Date | null, status: string) {
  if (firstResponseAt || status === "solved" || status === "closed") return null;
  return {
    expected: new Date(createdAt.getTime() + FIRST_RESPONSE_HOURS.expected * 3_600_000),
    latest: new Date(createdAt.getTime() + FIRST_RESPONSE_HOURS.latest * 3_600_000),
  };
}

/**
 * The caller's account's tickets (never another account's: the account id comes from the session);
 * a member sees only the tickets they opened.
 */
export async function listCustomerTickets(deps: ServiceDeps, viewer: TicketViewer) {
  let query = deps.db
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
    .where("account_id", "=", viewer.accountId)
    .orderBy("created_at", "desc")
    .limit(200);
  if (!canManageAccountUsers(viewer.role)) query = query.where("opened_by_user_id", "=", viewer.userId);
  const rows = await query.execute();
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
 * One ticket with its public messages, scoped to the caller's account (and, for a member, to the
 * tickets they opened). Another account's ticket id — or another member's, for a member — answers
 * NOT_FOUND, exactly like an id that does not exist, so ids cannot be probed.
 */
export async function getCustomerTicket(deps: ServiceDeps, viewer: TicketViewer, ticketId: string) {
  let query = deps.db
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
    .where("account_id", "=", viewer.accountId);
  if (!canManageAccountUsers(viewer.role)) query = query.where("opened_by_user_id", "=", viewer.userId);
  const ticket = await query.executeTakeFirst();
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
