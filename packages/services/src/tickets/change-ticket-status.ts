import { type ChangeTicketStatusInput, DomainError, statusAfterStaffAction } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";
import { lockTicket, statusColumns } from "./ticket-changes.ts";

/** An agent moves a ticket along the status machine (pending customer and on hold pause the clock). */
export async function changeTicketStatus(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta,
  input: ChangeTicketStatusInput,
) {
  return deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, input.ticketId, input.expectedVersion);
    const outcome = statusAfterStaffAction(ticket.status, input.status);
    if (!outcome.ok) throw new DomainError("PRECONDITION_FAILED", outcome.reason);
    if (outcome.status === ticket.status) return { version: ticket.version, status: ticket.status };
    const now = deps.now();
    const updated = await trx
      .updateTable("tickets")
      .set(statusColumns(ticket, outcome.status, now))
      .where("id", "=", ticket.id)
      .returning(["version", "status"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, meta, {
      action: "ticket.status_changed",
      subjectType: "ticket",
      subjectId: ticket.id,
      accountId: ticket.account_id,
      before: { status: ticket.status },
      after: { status: updated.status, version: updated.version },
    });
    return updated;
  });
}
