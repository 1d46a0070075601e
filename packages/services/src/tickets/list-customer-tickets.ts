import {
  type CustomerRole,
  canManageAccountUsers,
  customerVisibleStatus,
  DomainError,
  responseClock,
} from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { firstName } from "./answer-ticket.ts";
import { listAttachmentsOf } from "./check-attachments.ts";
import { ticketConfirmation } from "./confirm-ticket-remediation.ts";

/** Who reads tickets: owners and admins see the account's every ticket, a member only their own. */
export interface TicketViewer {
  userId: string;
  accountId: string;
  role: CustomerRole;
}

/**
 * The first-response promise as the customer sees it: when to expect an answer (24–48 h of the team's
 * time; the wait for the customer does not count), and whether it is late. Null once answered or done.
 */
function responseWindow(
  t: {
    created_at: Date;
    first_response_at: Date | null;
    clock_paused_ms: string;
    clock_paused_since: Date | null;
    status: string;
  },
  now: Date,
) {
  if (t.first_response_at || t.status === "solved" || t.status === "closed") return null;
  const clock = responseClock(
    {
      createdAt: t.created_at,
      firstResponseAt: t.first_response_at,
      pausedMs: Number(t.clock_paused_ms),
      pausedSince: t.clock_paused_since,
    },
    now,
  );
  return {
    expected: clock.expectedBy as Date,
    latest: clock.latestBy as Date,
    /** Past the 48 h promise: the portal says so plainly instead of showing a date in the past. */
    late: clock.alarm === "48h",
    waitingOnYou: clock.state === "paused" && t.status === "pending_customer",
  };
}

/**
 * The caller's account's tickets (never another account's: the account id comes from the session);
 * a member sees only the tickets they opened.
 */
export async function listCustomerTickets(deps: ServiceDeps, viewer: TicketViewer) {
  const now = deps.now();
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
      "clock_paused_ms",
      "clock_paused_since",
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
    status: customerVisibleStatus(t.status),
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    firstResponseDueBy: responseWindow(t, now),
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
      "clock_paused_ms",
      "clock_paused_since",
      "merged_into_ticket_id",
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
    .orderBy("m.id")
    .execute();
  const files = await listAttachmentsOf(
    deps.db,
    messages.map((m) => m.id),
  );
  const confirmation = await ticketConfirmation(deps.db, { ...ticket, account_id: viewer.accountId });
  return {
    id: ticket.id,
    number: Number(ticket.number),
    subject: ticket.subject,
    category: ticket.category,
    status: customerVisibleStatus(ticket.status),
    form: ticket.form,
    mergedInto: ticket.merged_into_ticket_id,
    createdAt: ticket.created_at,
    updatedAt: ticket.updated_at,
    firstResponseDueBy: responseWindow(ticket, deps.now()),
    /** What the checklist asks the customer to confirm on this ticket, if anything. */
    confirmation,
    messages: messages.map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: m.created_at,
      // Agents appear by first name with the team's name: "Ada, Consumer Trust team".
      author: m.staff_name
        ? { kind: "staff" as const, name: firstName(m.staff_name) }
        : { kind: "customer" as const, name: m.customer_name ?? "Former user" },
      attachments: files.get(m.id) ?? [],
    })),
  };
}
