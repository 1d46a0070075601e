import { type AssignTicketInput, DomainError, staffCan } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";
import { lockTicket } from "./ticket-changes.ts";

/**
 * Take a ticket, give it to someone, or unassign it. Anyone who works tickets may take one or let
 * go of their own; giving a ticket to someone else, or taking it from them, is a lead's re-assignment.
 */
export async function assignTicket(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta,
  input: AssignTicketInput,
) {
  return deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, input.ticketId, input.expectedVersion);
    const target = input.assigneeStaffId;
    const reassigning =
      (target !== null && target !== actor.staffId) ||
      (ticket.assignee_staff_id !== null && ticket.assignee_staff_id !== actor.staffId);
    if (reassigning && !staffCan(actor.role, "tickets.reassign")) {
      throw new DomainError(
        "FORBIDDEN",
        "You can take an unassigned ticket or let go of yours; giving tickets to others is for leads.",
      );
    }
    let assigneeName: string | null = null;
    if (target) {
      const staff = await trx
        .selectFrom("staff_users")
        .select(["id", "name", "role"])
        .where("id", "=", target)
        .where("disabled_at", "is", null)
        .executeTakeFirst();
      if (!staff || !staffCan(staff.role, "tickets.work")) {
        throw new DomainError("VALIDATION", "Choose a colleague who works tickets.", {
          fields: { assigneeStaffId: "Not someone who works tickets" },
        });
      }
      assigneeName = staff.name;
    }
    if (target === ticket.assignee_staff_id) return { version: ticket.version, assigneeName };
    const now = deps.now();
    const updated = await trx
      .updateTable("tickets")
      .set({ assignee_staff_id: target, version: ticket.version + 1, updated_at: now })
      .where("id", "=", ticket.id)
      .returning(["version"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, meta, {
      action: "ticket.assigned",
      subjectType: "ticket",
      subjectId: ticket.id,
      accountId: ticket.account_id,
      before: { assigneeStaffId: ticket.assignee_staff_id },
      after: { assigneeStaffId: target, assignee: assigneeName },
    });
    return { version: updated.version, assigneeName };
  });
}
