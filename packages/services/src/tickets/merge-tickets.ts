import { type Executor, enqueueMail, type Ticket } from "@trustdesk/db";
import { DomainError, type MergeTicketsInput } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";
import { ticketMergedMail } from "../mail/templates.ts";
import { assertTicketVersion, lockTicket, statusColumns } from "./ticket-changes.ts";

/**
 * An agent merges a duplicate into another ticket of the same account. The duplicate is closed and
 * points at the other ticket; its messages stay where they are (its history is kept and still
 * readable), the other ticket gets an internal note saying what was merged, and both customers are
 * told — by a public message on each ticket and by mail — where the conversation continues.
 *
 * Both tickets are locked (in one order, so two merges of the same pair cannot deadlock) and both
 * versions checked: a merge based on an older view of either ticket is a conflict. Retrying a merge
 * that already happened answers as before and changes nothing.
 */
export async function mergeTickets(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta,
  input: MergeTicketsInput,
) {
  if (input.ticketId === input.intoTicketId) {
    throw new DomainError("PRECONDITION_FAILED", "A ticket cannot be merged into itself.");
  }
  return deps.db.transaction().execute(async (trx) => {
    const [first, second] = [input.ticketId, input.intoTicketId].sort();
    const locked = new Map<string, Ticket>();
    for (const id of [first, second] as string[]) locked.set(id, await lockTicket(trx, id, null));
    const duplicate = locked.get(input.ticketId) as Ticket;
    const into = locked.get(input.intoTicketId) as Ticket;

    if (duplicate.merged_into_ticket_id === into.id) {
      return {
        version: duplicate.version,
        intoVersion: into.version,
        intoNumber: Number(into.number),
        replayed: true,
      };
    }
    await assertTicketVersion(trx, duplicate, input.expectedVersion);
    await assertTicketVersion(trx, into, input.intoExpectedVersion);
    if (duplicate.account_id !== into.account_id) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        `Ticket #${into.number} belongs to another account: only tickets of the same account can be merged.`,
      );
    }
    if (duplicate.merged_into_ticket_id || duplicate.status === "closed") {
      throw new DomainError("PRECONDITION_FAILED", "This ticket is closed; it can no longer be merged.");
    }
    if (into.merged_into_ticket_id) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        `Ticket #${into.number} was itself merged into another ticket: merge into that one.`,
      );
    }
    if (into.status === "closed") {
      throw new DomainError(
        "PRECONDITION_FAILED",
        `Ticket #${into.number} is closed: merge into an open ticket, or the other way round.`,
      );
    }

    const now = deps.now();
    const n = Number(duplicate.number);
    const m = Number(into.number);
    const message = (ticketId: string, visibility: "public" | "internal", body: string) => ({
      ticket_id: ticketId,
      author_customer_user_id: null,
      author_staff_id: actor.staffId,
      visibility,
      body,
      created_at: now,
    });
    // Not a first response: the merge notices tell the customer where to look, they answer nothing,
    // so the 24/48 h clock of either ticket keeps running.
    await trx
      .insertInto("ticket_messages")
      .values([
        message(
          duplicate.id,
          "public",
          `This ticket was merged into ticket #${m}, which is about the same thing. We continue the conversation there.`,
        ),
        message(
          into.id,
          "public",
          `Ticket #${n} ("${duplicate.subject}") was merged into this ticket. We continue the conversation here.`,
        ),
        message(into.id, "internal", `Merged #${n} into this ticket.`),
      ])
      .execute();
    const closed = await trx
      .updateTable("tickets")
      .set({ ...statusColumns(duplicate, "closed", now), merged_into_ticket_id: into.id, age_alarm: null })
      .where("id", "=", duplicate.id)
      .returning(["version"])
      .executeTakeFirstOrThrow();
    const continued = await trx
      .updateTable("tickets")
      .set({ version: into.version + 1, updated_at: now })
      .where("id", "=", into.id)
      .returning(["version"])
      .executeTakeFirstOrThrow();

    for (const [ticket, role] of [
      [duplicate, "duplicate"],
      [into, "continues"],
    ] as const) {
      await recordAudit(trx, actor, meta, {
        action: "ticket.merged",
        subjectType: "ticket",
        subjectId: ticket.id,
        accountId: ticket.account_id,
        before: { status: ticket.status, version: ticket.version },
        after: {
          role,
          duplicateNumber: n,
          intoNumber: m,
          version: role === "duplicate" ? closed.version : continued.version,
        },
      });
    }
    await mailOpeners(trx, deps, duplicate, into);
    return { version: closed.version, intoVersion: continued.version, intoNumber: m, replayed: false };
  });
}

/** Tells the customers who opened the two tickets (one mail each, one if they are the same person). */
async function mailOpeners(trx: Executor, deps: ServiceDeps, duplicate: Ticket, into: Ticket) {
  const sent = new Set<string>();
  for (const ticket of [duplicate, into]) {
    if (!ticket.opened_by_user_id) continue;
    const to = await trx
      .selectFrom("customer_users")
      .select("email")
      .where("id", "=", ticket.opened_by_user_id)
      .where("removed_at", "is", null)
      .executeTakeFirst();
    if (!to || sent.has(to.email)) continue;
    sent.add(to.email);
    await enqueueMail(
      trx,
      ticketMergedMail(to.email, {
        number: Number(ticket.number),
        subject: ticket.subject,
        duplicateNumber: Number(duplicate.number),
        intoNumber: Number(into.number),
        intoTicketId: into.id,
        portalUrl: deps.config.publicUrl,
      }),
    );
  }
}
