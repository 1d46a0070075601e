import type { Executor, Ticket } from "@trustdesk/db";
import { clockAfterTransition, DomainError, type TicketStatus } from "@trustdesk/domain";

/**
 * Loads a ticket for a change and locks it, so changes to one ticket apply one after another. For a
 * staff change, `expectedVersion` is the version the agent was looking at: if someone else changed
 * the ticket since, the change is refused with what changed and by whom — never applied silently.
 */
export async function lockTicket(
  trx: Executor,
  ticketId: string,
  expectedVersion: number | null,
): Promise<Ticket> {
  const ticket = await trx
    .selectFrom("tickets")
    .selectAll()
    .where("id", "=", ticketId)
    .forUpdate()
    .executeTakeFirst();
  if (!ticket) throw new DomainError("NOT_FOUND", "We couldn't find that ticket.");
  if (expectedVersion !== null) await assertTicketVersion(trx, ticket, expectedVersion);
  return ticket;
}

/** Refuses a change based on another version than the (locked) ticket's, saying who changed it. */
export async function assertTicketVersion(
  trx: Executor,
  ticket: Ticket,
  expectedVersion: number,
): Promise<void> {
  if (ticket.version !== expectedVersion) throw await conflict(trx, ticket);
}

async function conflict(trx: Executor, ticket: Ticket): Promise<DomainError> {
  const last = await trx
    .selectFrom("audit_events")
    .select(["action", "occurred_at", "actor_type", "actor_id"])
    .where("subject_type", "=", "ticket")
    .where("subject_id", "=", ticket.id)
    .orderBy("id", "desc")
    .executeTakeFirst();
  const who = last ? await actorName(trx, last.actor_type, last.actor_id) : "Someone";
  const what = last ? describeAction(last.action) : "changed the ticket";
  return new DomainError(
    "CONFLICT",
    `${who} ${what} while you were working on it. Your change was not saved: review the ticket as it is now and try again.`,
    {
      details: {
        currentVersion: ticket.version,
        status: ticket.status,
        assigneeStaffId: ticket.assignee_staff_id,
        priority: ticket.priority,
        tags: ticket.tags,
        lastChange: last ? { by: who, action: last.action, at: last.occurred_at.toISOString() } : null,
      },
    },
  );
}

async function actorName(trx: Executor, type: string, id: string | null): Promise<string> {
  if (id && type === "staff") {
    const s = await trx.selectFrom("staff_users").select("name").where("id", "=", id).executeTakeFirst();
    if (s) return s.name;
  }
  if (id && type === "customer") {
    const c = await trx.selectFrom("customer_users").select("name").where("id", "=", id).executeTakeFirst();
    if (c) return `The customer (${c.name})`;
  }
  return "Someone";
}

const ACTIONS: Record<string, string> = {
  "ticket.replied": "replied",
  "ticket.note_added": "added an internal note",
  "ticket.status_changed": "changed the status",
  "ticket.assigned": "changed the assignee",
  "ticket.triaged": "changed the priority or tags",
  "ticket.customer_replied": "replied",
  "ticket.solved_by_customer": "marked it solved",
  "ticket.merged": "merged it",
};

function describeAction(action: string): string {
  return ACTIONS[action] ?? "changed the ticket";
}

/**
 * The columns a status change writes: the status, its time stamps, and the response clock's pause
 * bookkeeping (entering pending customer/on hold starts a pause, leaving one adds it up).
 */
export function statusColumns(ticket: Ticket, to: TicketStatus, now: Date) {
  const clock = clockAfterTransition(
    { pausedMs: Number(ticket.clock_paused_ms), pausedSince: ticket.clock_paused_since },
    to,
    now,
  );
  return {
    status: to,
    clock_paused_ms: clock.pausedMs,
    clock_paused_since: clock.pausedSince,
    solved_at: to === "solved" ? (ticket.status === "solved" ? ticket.solved_at : now) : null,
    closed_at: to === "closed" ? now : null,
    updated_at: now,
    version: ticket.version + 1,
  };
}
