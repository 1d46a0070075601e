import type { Db } from "@trustdesk/db";
import type { TicketCategory, TicketPriority, TicketStatus } from "@trustdesk/domain";

export const H = 3_600_000;
let k = 0;

/**
 * A ticket as it would stand after its history (status, clock bookkeeping, first response), written
 * directly: the views read only these columns, and tests of the clock itself go through the real
 * use cases instead.
 */
export async function insertTicket(
  db: Db,
  accountId: string,
  now: Date,
  t: {
    ageH: number;
    subject?: string;
    category?: TicketCategory;
    status?: TicketStatus;
    priority?: TicketPriority;
    assignee?: string | null;
    escalated?: boolean;
    answeredAfterH?: number;
    pausedH?: number;
    pausedSinceH?: number;
    tags?: string[];
    enforcementId?: string | null;
    caseId?: string | null;
  },
) {
  const created = new Date(now.getTime() - t.ageH * H);
  const row = await db
    .insertInto("tickets")
    .values({
      account_id: accountId,
      opened_by_user_id: null,
      category: t.category ?? "other",
      subject: t.subject ?? `Ticket ${++k}`,
      status: t.status ?? "open",
      priority: t.priority ?? "normal",
      form: JSON.stringify({}),
      assignee_staff_id: t.assignee ?? null,
      case_id: t.caseId ?? null,
      enforcement_id: t.enforcementId ?? null,
      escalated_at: t.escalated ? created : null,
      first_response_at:
        t.answeredAfterH === undefined ? null : new Date(created.getTime() + t.answeredAfterH * H),
      age_alarm: null,
      solved_at: t.status === "solved" ? now : null,
      closed_at: t.status === "closed" ? now : null,
      created_at: created,
      updated_at: created,
      tags: t.tags ?? [],
      clock_paused_ms: Math.round((t.pausedH ?? 0) * H),
      clock_paused_since: t.pausedSinceH === undefined ? null : new Date(now.getTime() - t.pausedSinceH * H),
    })
    .returning(["id", "number"])
    .executeTakeFirstOrThrow();
  return { id: row.id, number: Number(row.number) };
}

export async function addMessage(
  db: Db,
  ticketId: string,
  body: string,
  visibility: "public" | "internal" = "public",
  staffId: string | null = null,
) {
  await db
    .insertInto("ticket_messages")
    .values({
      ticket_id: ticketId,
      author_customer_user_id: null,
      author_staff_id: staffId,
      visibility,
      body,
    })
    .execute();
}
