import { z } from "zod";
import { AccountPlan } from "../account/account.ts";
import { EnforcementReason } from "../enforcement/enforcement.ts";
import { TicketCategory, TicketStatus } from "./ticket.ts";

/** Rows per queue or search page: no view loads more rows than it shows. */
export const QUEUE_PAGE_SIZE = 50;

/**
 * The queue's views. `open` is everything the team or someone it waits on still owes; breaching and
 * breached are unanswered tickets whose running clock has passed 24 h / 48 h of team time (a paused
 * ticket is in pending customer or on hold, never breaching); `category:*` are the open tickets of
 * one category; `all` is every ticket, closed ones included.
 */
export const QUEUE_BASE_VIEWS = [
  "open",
  "mine",
  "unassigned",
  "escalated",
  "breaching",
  "breached",
  "pending_customer",
  "on_hold",
  "solved",
  "all",
] as const;
export const QueueView = z.union(
  [z.enum(QUEUE_BASE_VIEWS), z.templateLiteral(["category:", TicketCategory])],
  "Choose a queue view",
);
export type QueueView = z.infer<typeof QueueView>;

export const QUEUE_VIEW_LABELS: Record<(typeof QUEUE_BASE_VIEWS)[number], string> = {
  open: "Open",
  mine: "Mine",
  unassigned: "Unassigned",
  escalated: "Escalated",
  breaching: "Breaching (24 h)",
  breached: "Breached (48 h)",
  pending_customer: "Waiting for customer",
  on_hold: "On hold",
  solved: "Solved",
  all: "All tickets",
};

/**
 * Orders: needs answer first (escalated tickets waiting on the team, then the others waiting on the
 * team, then those waiting on the customer or on hold; oldest team time first within each), newest,
 * oldest, priority (urgent first, then needs-answer order).
 */
export const QueueSort = z.enum(["needs_answer", "newest", "oldest", "priority"], "Choose an order");
export type QueueSort = z.infer<typeof QueueSort>;

export const QUEUE_SORT_LABELS: Record<QueueSort, string> = {
  needs_answer: "Needs answer first",
  newest: "Newest first",
  oldest: "Oldest first",
  priority: "Priority",
};

const Tag = z.string().trim().min(1).max(50);

export const QueueFilters = z.object({
  category: TicketCategory.optional(),
  status: TicketStatus.optional(),
  /** A staff member's id, or "none" for unassigned tickets. */
  assignee: z.union([z.literal("none"), z.uuid("Choose an assignee")]).optional(),
  enforcementReason: EnforcementReason.optional(),
  plan: AccountPlan.optional(),
  tag: Tag.optional(),
});
export type QueueFilters = z.infer<typeof QueueFilters>;

/** An opaque position in a view (the last row's sort key); pages continue after it. */
export const QueueCursor = z.string().max(500, "Reload the queue");

export const ListQueueInput = z.object({
  view: QueueView.default("open"),
  sort: QueueSort.default("needs_answer"),
  filters: QueueFilters.default({}),
  cursor: QueueCursor.nullish(),
  limit: z.int().min(1).max(QUEUE_PAGE_SIZE).default(QUEUE_PAGE_SIZE),
});
export type ListQueueInput = z.input<typeof ListQueueInput>;

export const SearchTicketsInput = z.object({
  query: z
    .string("Type something to search for")
    .trim()
    .min(1, "Type something to search for")
    .max(200, "Keep the search under 200 characters"),
  cursor: QueueCursor.nullish(),
  limit: z.int().min(1).max(QUEUE_PAGE_SIZE).default(QUEUE_PAGE_SIZE),
});
export type SearchTicketsInput = z.input<typeof SearchTicketsInput>;

/** What a search matched on: a direct look-up or the words of subjects and messages. */
export type TicketSearchMatch =
  | "ticket_number"
  | "case_number"
  | "account_id"
  | "customer_email"
  | "api_key"
  | "full_text";
