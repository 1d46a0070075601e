import type { UpdateTicketTriageInput } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";
import { lockTicket } from "./ticket-changes.ts";

/** Priority and tags: how agents sort and find work. */
export async function updateTicketTriage(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta,
  input: UpdateTicketTriageInput,
) {
  return deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, input.ticketId, input.expectedVersion);
    const priority = input.priority ?? ticket.priority;
    const tags = input.tags ? [...new Set(input.tags)].sort() : ticket.tags;
    if (priority === ticket.priority && tags.join("\n") === ticket.tags.join("\n")) {
      return { version: ticket.version, priority, tags };
    }
    const updated = await trx
      .updateTable("tickets")
      .set({ priority, tags, version: ticket.version + 1, updated_at: deps.now() })
      .where("id", "=", ticket.id)
      .returning(["version"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, meta, {
      action: "ticket.triaged",
      subjectType: "ticket",
      subjectId: ticket.id,
      accountId: ticket.account_id,
      before: { priority: ticket.priority, tags: ticket.tags },
      after: { priority, tags },
    });
    return { version: updated.version, priority, tags };
  });
}
