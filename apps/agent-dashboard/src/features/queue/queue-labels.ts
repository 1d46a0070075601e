import type { TicketCategory, TicketPriority, TicketStatus } from "@trustdesk/domain";
import { TICKET_STATUS_LABELS } from "@trustdesk/domain";
import type { BadgeTone } from "@trustdesk/ui";

/** Agent-facing names (the domain's TICKET_CATEGORY_LABELS are phrased for customers). */
export const CATEGORY_LABELS: Record<TicketCategory, string> = {
  account_takeover: "Account takeover",
  signup_vetting: "Sign-up vetting",
  dormant_account: "Dormant account",
  exposed_credentials: "Exposed credentials",
  other: "Other",
};

export const PRIORITY_PRESENTATION: Record<TicketPriority, { label: string; tone: BadgeTone }> = {
  urgent: { label: "Urgent", tone: "danger" },
  high: { label: "High", tone: "warning" },
  normal: { label: "Normal", tone: "neutral" },
  low: { label: "Low", tone: "neutral" },
};

const STATUS_TONES: Record<TicketStatus, BadgeTone> = {
  new: "info",
  open: "accent",
  pending_customer: "neutral",
  on_hold: "neutral",
  solved: "success",
  closed: "neutral",
};

/** The customer-facing "Waiting for you" reads as "Waiting for customer" on the agent side. */
export function statusPresentation(status: TicketStatus): { label: string; tone: BadgeTone } {
  const label = status === "pending_customer" ? "Waiting for customer" : TICKET_STATUS_LABELS[status];
  return { label: label ?? status, tone: STATUS_TONES[status] ?? "neutral" };
}
