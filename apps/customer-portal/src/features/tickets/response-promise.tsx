import { FIRST_RESPONSE_HOURS } from "@trustdesk/domain";
import { formatDateTime } from "../../lib/format.ts";
import type { CustomerTicket } from "../../lib/trpc.ts";

export const PROMISE_TEXT = `within ${FIRST_RESPONSE_HOURS.expected}–${FIRST_RESPONSE_HOURS.latest} hours of when you wrote`;

type Timing = Pick<CustomerTicket, "status" | "firstResponseDueBy">;

/**
 * What to expect of a ticket, honestly: the first response "within 24–48 hours of when you wrote"
 * (the time we wait on you does not count); past 48 hours we say plainly that it is taking longer than
 * usual instead of showing a date in the past; and when we are waiting on you, we say so.
 */
export function responsePromise(
  ticket: Timing,
): { tone: "info" | "warning" | "success" | "neutral"; short: string; long: string } | null {
  if (ticket.status === "pending_customer" || ticket.firstResponseDueBy?.waitingOnYou) {
    return {
      tone: "warning",
      short: "Waiting for your reply",
      long: "We're waiting for your reply: answer below and the ticket goes back to our team.",
    };
  }
  if (ticket.status === "solved") {
    return {
      tone: "success",
      short: "Solved",
      long: "This ticket is solved. If something is still wrong, reply below and it reopens.",
    };
  }
  if (ticket.status === "closed") {
    return {
      tone: "neutral",
      short: "Closed",
      long: "This ticket is closed. For anything new, open a new ticket.",
    };
  }
  const due = ticket.firstResponseDueBy;
  if (!due) return null;
  if (due.late) {
    return {
      tone: "warning",
      short: "Taking longer than usual",
      long: "This is taking longer than usual. Your ticket is still in our queue and we'll email you as soon as we answer — there is no need to write again.",
    };
  }
  return {
    tone: "info",
    short: `Expected by ${formatDateTime(due.expected)}`,
    long: `Expect our first response ${PROMISE_TEXT}: by ${formatDateTime(due.expected)}, at the latest ${formatDateTime(due.latest)}.`,
  };
}
