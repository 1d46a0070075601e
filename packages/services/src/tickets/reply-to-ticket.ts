import { lockAccounts } from "@trustdesk/db";
import { type CustomerReplyInput, DomainError, statusAfterCustomerReply } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { matchApiKey, recordExposureIn } from "../enforcement/record-exposure.ts";
import { enforceRateLimit, type RateLimitRule } from "../rate-limit/enforce-rate-limit.ts";
import { redactCustomerText } from "../security/redact-customer-text.ts";
import { checkAttachments, insertAttachments, type WithOptionalAttachments } from "./check-attachments.ts";
import type { TicketViewer } from "./list-customer-tickets.ts";
import { lockTicket, statusColumns } from "./ticket-changes.ts";
import { canSeeTicket } from "./ticket-visibility.ts";

const REPLY_LIMIT: RateLimitRule = { name: "ticket-reply:user", limit: 60, windowSeconds: 3600 };

/**
 * A customer's reply, in the portal only (never by email: a stolen mailbox cannot speak for the
 * account). The text passes the one redaction step first — a pasted key of ours is revoked and recorded
 * as a ticket exposure, never stored. A solved ticket reopens; one waiting on the customer goes back
 * to the team (its clock resumes). A double submit writes one message. Attached files are checked by
 * content before the transaction (`checkAttachments`) and stored with the message; a key pasted into a
 * text file is redacted and revoked like one in the message.
 */
export async function replyToTicket(
  deps: ServiceDeps,
  viewer: TicketViewer,
  meta: RequestMeta,
  input: WithOptionalAttachments<CustomerReplyInput>,
) {
  await enforceRateLimit(deps, REPLY_LIMIT, viewer.userId);
  const actor = { type: "customer" as const, userId: viewer.userId, accountId: viewer.accountId };
  const attached = await checkAttachments(input.attachments ?? [], { redact: true });
  return deps.db.transaction().execute(async (trx) => {
    const visible = await trx
      .selectFrom("tickets")
      .select(["id", "opened_by_user_id", "account_id"])
      .where("id", "=", input.ticketId)
      .executeTakeFirst();
    if (!visible || !canSeeTicket(viewer, visible)) {
      throw new DomainError("NOT_FOUND", "We couldn't find that ticket on your account.");
    }
    const redacted = redactCustomerText({ body: input.body });
    const keys = [...new Set([...redacted.found, ...attached.found])];
    // Keys of other accounts pasted here: revoking them takes those accounts' locks, so find them
    // before this ticket is locked (the same order open-ticket uses).
    const matched = await Promise.all(keys.map((k) => matchApiKey(trx, k)));
    await lockAccounts(
      trx,
      matched.flatMap((m) => (m ? [m.accountId] : [])),
    );
    const ticket = await lockTicket(trx, input.ticketId, null);
    // Checked under the ticket's lock: a double submit finds the first one's message.
    const existing = await trx
      .selectFrom("ticket_messages")
      .select("id")
      .where("ticket_id", "=", input.ticketId)
      .where("idempotency_key", "=", input.idempotencyKey)
      .executeTakeFirst();
    if (existing) return { messageId: existing.id, replayed: true, redactedKeys: 0 };
    if (ticket.merged_into_ticket_id) {
      throw new DomainError("PRECONDITION_FAILED", "This ticket was merged into another one: reply there.");
    }
    const outcome = statusAfterCustomerReply(ticket.status);
    if (!outcome.ok) throw new DomainError("PRECONDITION_FAILED", outcome.reason);
    const now = deps.now();
    const message = await trx
      .insertInto("ticket_messages")
      .values({
        ticket_id: ticket.id,
        author_customer_user_id: viewer.userId,
        author_staff_id: null,
        visibility: "public",
        body: redacted.value.body,
        redacted_key_count: keys.length,
        created_at: now,
        idempotency_key: input.idempotencyKey,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertAttachments(trx, message.id, attached.files, now);
    await trx
      .updateTable("tickets")
      .set(statusColumns(ticket, outcome.status, now))
      .where("id", "=", ticket.id)
      .execute();
    await recordAudit(trx, actor, meta, {
      action: "ticket.customer_replied",
      subjectType: "ticket",
      subjectId: ticket.id,
      accountId: ticket.account_id,
      before: { status: ticket.status },
      after: {
        status: outcome.status,
        messageId: message.id,
        redactedKeys: keys.length,
        attachments: attached.files.map((f) => ({ filename: f.filename, contentType: f.contentType })),
      },
    });
    for (const key of keys) {
      await recordExposureIn(trx, deps, actor, meta, {
        candidate: key,
        source: "ticket",
        location: `ticket #${ticket.number}`,
      });
    }
    return { messageId: message.id, replayed: false, redactedKeys: keys.length };
  });
}
