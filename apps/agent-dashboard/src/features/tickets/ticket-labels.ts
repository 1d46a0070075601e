import { type MacroContext, statusAfterStaffAction, type TicketStatus } from "@trustdesk/domain";
import type { StaffAccount, StaffTicket } from "../../lib/trpc.ts";
import { statusPresentation } from "../queue/queue-labels.ts";

/** The statuses an agent can move this ticket to (the domain's machine), the current one first. */
export function reachableStatuses(current: TicketStatus, choices: readonly TicketStatus[]): TicketStatus[] {
  return choices.filter((s) => s === current || statusAfterStaffAction(current, s).ok);
}

/** What an agent may pick as the status after a reply (never new or closed). */
export const REPLY_STATUSES = ["open", "pending_customer", "on_hold", "solved"] as const;

/** What an agent may pick as the ticket's status on its own (closing only after solved). */
export const SETTABLE_STATUSES = ["open", "pending_customer", "on_hold", "solved", "closed"] as const;

export function statusLabel(status: TicketStatus): string {
  return statusPresentation(status).label;
}

/**
 * What a macro's placeholders are filled with on this ticket: the customer who opened it, its case,
 * the account, and the unmet requirements of its enforcement (the linked one, else the account's only
 * active one) in the customer's words.
 */
export function macroContext(ticket: StaffTicket, account: StaffAccount | undefined): MacroContext {
  const active = account?.enforcements.filter((e) => e.status === "active") ?? [];
  const enforcement = ticket.enforcement
    ? account?.enforcements.find((e) => e.id === ticket.enforcement?.id)
    : active.length === 1
      ? active[0]
      : undefined;
  const requirements = enforcement?.assessment?.requirements;
  return {
    customer: { name: ticket.openedBy?.name ?? null },
    case: { number: ticket.caseNumber ?? enforcement?.case_number ?? null },
    account: { name: ticket.account.name },
    enforcement: requirements
      ? { unmet: requirements.filter((r) => !r.met).map((r) => r.customerText) }
      : null,
  };
}
