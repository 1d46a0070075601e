import { TICKET_STATUS_LABELS, type TicketStatus } from "@trustdesk/domain";
import type { BadgeTone } from "@trustdesk/ui";

const TONES: Record<TicketStatus, BadgeTone> = {
  new: "info",
  open: "accent",
  pending_customer: "warning",
  on_hold: "neutral",
  solved: "success",
  closed: "neutral",
};

export function ticketStatusPresentation(status: TicketStatus): { label: string; tone: BadgeTone } {
  return { label: TICKET_STATUS_LABELS[status] ?? status, tone: TONES[status] ?? "neutral" };
}
