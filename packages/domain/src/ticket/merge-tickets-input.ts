import { z } from "zod";
import { TicketId } from "./ticket.ts";
import { ExpectedVersion } from "./ticket-conversation-input.ts";

/**
 * An agent merges a duplicate into another ticket of the same account. Both versions are the ones
 * the agent was looking at: a change to either ticket since then is a conflict.
 */
export const MergeTicketsInput = z.object({
  /** The duplicate: it is closed and points at the other ticket; its messages stay where they are. */
  ticketId: TicketId,
  expectedVersion: ExpectedVersion,
  /** The ticket the conversation continues on. */
  intoTicketId: TicketId,
  intoExpectedVersion: ExpectedVersion,
});
export type MergeTicketsInput = z.infer<typeof MergeTicketsInput>;
