import {
  canManageAccountUsers,
  customerVisibleStatus,
  type EnforcementReason,
  OPEN_TICKET_STATUSES,
  type TicketCategory,
} from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import type { TicketViewer } from "./list-customer-tickets.ts";

/** Which enforcement a ticket of each category is about (as `openTicket` links them). */
const REASON_OF: Partial<Record<TicketCategory, EnforcementReason>> = {
  account_takeover: "account_takeover",
  signup_vetting: "signup_vetting",
  dormant_account: "dormancy",
  exposed_credentials: "exposed_credentials",
};

/**
 * Before a customer opens a second ticket about a restriction: the open ticket already about the
 * account's active enforcement of that kind, if the caller may see it (a member only their own) —
 * the new-ticket page offers it, and the customer may still go on. Null when there is none.
 */
export async function findOpenTicketAbout(deps: ServiceDeps, viewer: TicketViewer, category: TicketCategory) {
  const reason = REASON_OF[category];
  if (!reason) return null;
  let query = deps.db
    .selectFrom("tickets as t")
    .innerJoin("enforcements as e", "e.id", "t.enforcement_id")
    .select(["t.id", "t.number", "t.subject", "t.status", "t.created_at"])
    .where("t.account_id", "=", viewer.accountId)
    .where("e.reason", "=", reason)
    .where("e.status", "=", "active")
    .where("t.status", "in", [...OPEN_TICKET_STATUSES])
    .where("t.merged_into_ticket_id", "is", null)
    .orderBy("t.created_at", "desc")
    .limit(1);
  if (!canManageAccountUsers(viewer.role)) query = query.where("t.opened_by_user_id", "=", viewer.userId);
  const t = await query.executeTakeFirst();
  return t
    ? {
        id: t.id,
        number: Number(t.number),
        subject: t.subject,
        status: customerVisibleStatus(t.status),
        createdAt: t.created_at,
      }
    : null;
}
