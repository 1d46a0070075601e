import { enqueueMail } from "@trustdesk/db";
import { DomainError, responseClock, type StaffReplyInput, statusAfterStaffAction } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";
import { ticketReplyMail } from "../mail/templates.ts";
import { checkAttachments, insertAttachments, type WithOptionalAttachments } from "./check-attachments.ts";
import { assertTicketVersion, lockTicket, statusColumns } from "./ticket-changes.ts";

/**
 * An agent writes on a ticket: a public reply (the customer sees it and is emailed; the first one
 * stops the 24/48 h clock) or an internal note (agents only — never shown to the customer, never
 * mailed). The status the agent chose is applied in the same transaction. A double submit (same
 * idempotency key) returns the message already written; a change based on an older version of the
 * ticket is refused as a conflict naming who changed it. Attached files are checked by content like
 * the customer's (`checkAttachments`) and stored with the message.
 */
export async function answerTicket(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta,
  input: WithOptionalAttachments<StaffReplyInput>,
) {
  const attached = await checkAttachments(input.attachments ?? [], { redact: false });
  return deps.db.transaction().execute(async (trx) => {
    // Locked first: a double submit then finds the first one's message instead of racing it.
    const ticket = await lockTicket(trx, input.ticketId, null);
    const existing = await trx
      .selectFrom("ticket_messages")
      .select(["id"])
      .where("ticket_id", "=", input.ticketId)
      .where("idempotency_key", "=", input.idempotencyKey)
      .executeTakeFirst();
    if (existing)
      return { messageId: existing.id, version: ticket.version, status: ticket.status, replayed: true };
    await assertTicketVersion(trx, ticket, input.expectedVersion);
    if (ticket.merged_into_ticket_id) {
      throw new DomainError("PRECONDITION_FAILED", "This ticket was merged into another; write on that one.");
    }
    const outcome = statusAfterStaffAction(ticket.status, input.status ?? null);
    if (!outcome.ok) throw new DomainError("PRECONDITION_FAILED", outcome.reason);
    const now = deps.now();
    const message = await trx
      .insertInto("ticket_messages")
      .values({
        ticket_id: ticket.id,
        author_customer_user_id: null,
        author_staff_id: actor.staffId,
        visibility: input.visibility,
        body: input.body,
        created_at: now,
        idempotency_key: input.idempotencyKey,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertAttachments(trx, message.id, attached.files, now);
    const firstResponse = input.visibility === "public" && ticket.first_response_at === null;
    const updated = await trx
      .updateTable("tickets")
      .set({
        ...statusColumns(ticket, outcome.status, now),
        ...(firstResponse
          ? {
              first_response_at: now,
              age_alarm: null,
              // The clock's reading now, kept: later pauses grow clock_paused_ms (the metrics read this).
              first_response_team_ms: responseClock(
                {
                  createdAt: ticket.created_at,
                  firstResponseAt: now,
                  pausedMs: Number(ticket.clock_paused_ms),
                  pausedSince: ticket.clock_paused_since,
                },
                now,
              ).teamMs,
            }
          : {}),
      })
      .where("id", "=", ticket.id)
      .returning(["version", "status"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, meta, {
      action: input.visibility === "public" ? "ticket.replied" : "ticket.note_added",
      subjectType: "ticket",
      subjectId: ticket.id,
      accountId: ticket.account_id,
      before: { status: ticket.status, version: ticket.version },
      after: {
        status: updated.status,
        version: updated.version,
        messageId: message.id,
        firstResponse,
        attachments: attached.files.map((f) => ({ filename: f.filename, contentType: f.contentType })),
      },
    });
    if (input.visibility === "public") {
      const to = await trx
        .selectFrom("customer_users")
        .select("email")
        .where("id", "=", ticket.opened_by_user_id ?? "")
        .where("removed_at", "is", null)
        .executeTakeFirst();
      const staff = await trx
        .selectFrom("staff_users")
        .select("name")
        .where("id", "=", actor.staffId)
        .executeTakeFirstOrThrow();
      if (to) {
        await enqueueMail(
          trx,
          ticketReplyMail(to.email, {
            number: Number(ticket.number),
            subject: ticket.subject,
            ticketId: ticket.id,
            // The customer reads the agent's first name with the team's, as on the portal.
            author: firstName(staff.name),
            body: input.body,
            solved: updated.status === "solved",
            portalUrl: deps.config.publicUrl,
            attachments: attached.files.map((f) => f.filename),
          }),
        );
      }
    }
    return { messageId: message.id, version: updated.version, status: updated.status, replayed: false };
  });
}

/** "Ada Lovelace" → "Ada": what a customer reads of an agent's name. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}
