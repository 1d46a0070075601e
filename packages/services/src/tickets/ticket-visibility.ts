import { canManageAccountUsers } from "@trustdesk/domain";
import type { TicketViewer } from "./list-customer-tickets.ts";

/** Owners and admins see every ticket of their account; a member only the tickets they opened. */
export function canSeeTicket(
  viewer: TicketViewer,
  ticket: { account_id: string; opened_by_user_id: string | null },
): boolean {
  if (ticket.account_id !== viewer.accountId) return false;
  return canManageAccountUsers(viewer.role) || ticket.opened_by_user_id === viewer.userId;
}
