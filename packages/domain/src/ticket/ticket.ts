import { z } from "zod";

export const TicketCategory = z.enum([
  "account_takeover",
  "signup_vetting",
  "dormant_account",
  "exposed_credentials",
  "other",
]);
export type TicketCategory = z.infer<typeof TicketCategory>;

export const TicketStatus = z.enum(["new", "open", "pending_customer", "on_hold", "solved", "closed"]);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TicketPriority = z.enum(["low", "normal", "high", "urgent"]);
export type TicketPriority = z.infer<typeof TicketPriority>;

/** `internal` notes are for staff only and never reach the customer. */
export const TicketMessageVisibility = z.enum(["public", "internal"]);
export type TicketMessageVisibility = z.infer<typeof TicketMessageVisibility>;

export const OPEN_TICKET_STATUSES = [
  "new",
  "open",
  "pending_customer",
  "on_hold",
] as const satisfies readonly TicketStatus[];

/** Allowed status transitions; `closed` is final (a reply to a closed ticket opens a new one). */
export const TICKET_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "pending_customer", "on_hold", "solved"],
  open: ["pending_customer", "on_hold", "solved"],
  pending_customer: ["open", "on_hold", "solved"],
  on_hold: ["open", "pending_customer", "solved"],
  solved: ["open", "closed"],
  closed: [],
};

export function canTransitionTicket(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].includes(to);
}

/** The support promise: a first response within 24–48 hours (not an SLA). */
export const FIRST_RESPONSE_HOURS = { expected: 24, latest: 48 } as const;

export const TicketAgeAlarm = z.enum(["24h", "48h"]).nullable();
export type TicketAgeAlarm = z.infer<typeof TicketAgeAlarm>;

export function ticketAgeAlarm(createdAt: Date, firstResponseAt: Date | null, now: Date): TicketAgeAlarm {
  if (firstResponseAt) return null;
  const hours = (now.getTime() - createdAt.getTime()) / 3_600_000;
  if (hours >= FIRST_RESPONSE_HOURS.latest) return "48h";
  if (hours >= FIRST_RESPONSE_HOURS.expected) return "24h";
  return null;
}

export const TicketId = z.uuid("Unknown ticket");

export const TICKET_CATEGORY_LABELS: Record<TicketCategory, string> = {
  account_takeover: "My account was taken over",
  signup_vetting: "My new account is under review or was rejected",
  dormant_account: "Reactivate my dormant account",
  exposed_credentials: "An API key of mine was exposed",
  other: "Something else",
};

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  new: "New",
  open: "Open",
  pending_customer: "Waiting for you",
  on_hold: "On hold",
  solved: "Solved",
  closed: "Closed",
};
