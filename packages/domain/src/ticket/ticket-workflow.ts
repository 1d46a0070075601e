import { canTransitionTicket, type TicketStatus } from "./ticket.ts";

/**
 * What happens to a ticket's status when people write on it. Pure, so the queue, the services and the
 * tests agree; the service applies the answer and the clock change together.
 */
export type TicketStatusOutcome = { ok: true; status: TicketStatus } | { ok: false; reason: string };

/** A customer's reply: a solved ticket reopens, one waiting on the customer goes back to the team. */
export function statusAfterCustomerReply(current: TicketStatus): TicketStatusOutcome {
  switch (current) {
    case "closed":
      return { ok: false, reason: "This ticket is closed. Open a new ticket and mention this one's number." };
    case "solved":
    case "pending_customer":
      return { ok: true, status: "open" };
    default:
      // new stays new (nobody has looked yet), open stays open, on hold stays with Fraud/Security.
      return { ok: true, status: current };
  }
}

/**
 * An agent's change of status (on its own or with a reply). Staying put is always allowed; a reply
 * to a new ticket makes it at least open.
 */
export function statusAfterStaffAction(
  current: TicketStatus,
  requested: TicketStatus | null,
): TicketStatusOutcome {
  if (current === "closed") return { ok: false, reason: "This ticket is closed; it can no longer change." };
  const target = requested ?? (current === "new" ? "open" : current);
  if (target === current || canTransitionTicket(current, target)) return { ok: true, status: target };
  return {
    ok: false,
    reason: `A ticket cannot go from ${current.replace("_", " ")} to ${target.replace("_", " ")}.`,
  };
}

/** On hold (waiting on Fraud/Security) is an internal distinction: the customer sees "open". */
export function customerVisibleStatus(status: TicketStatus): Exclude<TicketStatus, "on_hold"> {
  return status === "on_hold" ? "open" : status;
}

/** Solved tickets close themselves after this many days without a customer reply (configurable). */
export const DEFAULT_SOLVED_TICKET_CLOSE_DAYS = 4;
