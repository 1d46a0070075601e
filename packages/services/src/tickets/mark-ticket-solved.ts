import { DomainError } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { TicketViewer } from "./list-customer-tickets.ts";
import { lockTicket, statusColumns } from "./ticket-changes.ts";
import { canSeeTicket } from "./ticket-visibility.ts";

/** "This is solved" from the customer: the ticket is solved (a later reply reopens it). Idempotent. */
export async function markTicketSolved(
  deps: ServiceDeps,
  viewer: TicketViewer,
  meta: RequestMeta,
  ticketId: string,
) {
  return deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, ticketId, null).catch((error: unknown) => {
      throw error instanceof DomainError
        ? new DomainError("NOT_FOUND", "We couldn't find that ticket on your account.")
        : error;
    });
    if (!canSeeTicket(viewer, ticket))
      throw new DomainError("NOT_FOUND", "We couldn't find that ticket on your account.");
    if (ticket.status === "solved" || ticket.status === "closed") return { status: ticket.status };
    await trx
      .updateTable("tickets")
      .set(statusColumns(ticket, "solved", deps.now()))
      .where("id", "=", ticket.id)
      .execute();
    await recordAudit(trx, { type: "customer", userId: viewer.userId, accountId: viewer.accountId }, meta, {
      action: "ticket.solved_by_customer",
      subjectType: "ticket",
      subjectId: ticket.id,
      accountId: ticket.account_id,
      before: { status: ticket.status },
      after: { status: "solved" },
    });
    return { status: "solved" as const };
  });
}
