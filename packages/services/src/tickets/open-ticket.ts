import { enqueueMail, lockAccounts } from "@trustdesk/db";
import {
  DomainError,
  type EnforcementReason,
  type OpenTicketInput,
  type TicketCategory,
} from "@trustdesk/domain";
import type { Actor } from "../audit/audit-actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { matchApiKey, recordExposureIn } from "../enforcement/record-exposure.ts";
import { ticketReceivedMail } from "../mail/templates.ts";
import { enforceRateLimit, type RateLimitRule } from "../rate-limit/enforce-rate-limit.ts";
import { redactCustomerText } from "../security/redact-customer-text.ts";

/** Generous for people, a wall for scripts filling the queue. */
const OPEN_TICKET_LIMIT: RateLimitRule = { name: "ticket-open:user", limit: 20, windowSeconds: 3600 };

/** Which enforcement (and so which case) a ticket of each category is about. */
const REASON_OF: Partial<Record<TicketCategory, EnforcementReason>> = {
  account_takeover: "account_takeover",
  signup_vetting: "signup_vetting",
  dormant_account: "dormancy",
  exposed_credentials: "exposed_credentials",
};

export interface CustomerActor {
  userId: string;
  accountId: string;
}

/**
 * Opens a ticket for the caller's own account, in one transaction. Everything the customer typed
 * (subject, body, every form field) passes `redactCustomerText` before anything is stored; a key of
 * ours found in it reached only us, so it is revoked, recorded as a `ticket` exposure with the
 * ticket as its location and the customer is told — the account is not restricted for it. The ticket is
 * linked to the enforcement and case it is about, the customer's confirmation of a key rotation is
 * time-stamped on the ticket (a reactivation requirement), and the acknowledgement mail is queued.
 */
export async function openTicket(
  deps: ServiceDeps,
  customer: CustomerActor,
  meta: RequestMeta,
  input: OpenTicketInput,
) {
  await enforceRateLimit(deps, OPEN_TICKET_LIMIT, customer.userId);
  const actor: Actor = { type: "customer", userId: customer.userId, accountId: customer.accountId };
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // One redaction step over the whole input, before anything else reads it.
    const redacted = redactCustomerText(input);
    const clean = redacted.value;
    const keys = redacted.found;
    // The accounts whose keys were pasted are locked now, in one order, before this transaction
    // writes anything: revoking them below then never waits on another ticket in a cycle.
    const matched = await Promise.all(keys.map((k) => matchApiKey(trx, k)));
    await lockAccounts(
      trx,
      matched.flatMap((m) => (m ? [m.accountId] : [])),
    );
    const reason = REASON_OF[input.category];
    const enforcement = reason
      ? await trx
          .selectFrom("enforcements")
          .select(["id", "case_id"])
          .where("account_id", "=", customer.accountId)
          .where("reason", "=", reason)
          .where("status", "=", "active")
          .orderBy("created_at", "desc")
          .executeTakeFirst()
      : undefined;
    let caseId = enforcement?.case_id ?? null;
    if (clean.category === "account_takeover" && clean.form.caseNumber) {
      const kase = await trx
        .selectFrom("cases")
        .select("id")
        .where("number", "=", clean.form.caseNumber)
        .where("account_id", "=", customer.accountId)
        .executeTakeFirst();
      if (!kase) {
        throw new DomainError("VALIDATION", "We couldn't find that case number on your account.", {
          fields: { "form.caseNumber": "Not a case of your account" },
        });
      }
      caseId = kase.id;
    }
    const form: Record<string, unknown> = { ...clean.form };
    if (clean.category === "exposed_credentials" && clean.form.rotationConfirmed)
      form.remediationConfirmedAt = now.toISOString();
    const escalated = clean.category === "account_takeover" && clean.form.escalate;
    const ticket = await trx
      .insertInto("tickets")
      .values({
        account_id: customer.accountId,
        opened_by_user_id: customer.userId,
        category: input.category,
        subject: clean.subject,
        priority: input.category === "account_takeover" ? "high" : "normal",
        form: JSON.stringify(form),
        assignee_staff_id: null,
        case_id: caseId,
        enforcement_id: enforcement?.id ?? null,
        escalated_at: escalated ? now : null,
        first_response_at: null,
        age_alarm: null,
        solved_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning(["id", "number"])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("ticket_messages")
      .values({
        ticket_id: ticket.id,
        author_customer_user_id: customer.userId,
        author_staff_id: null,
        visibility: "public",
        body: clean.body,
        redacted_key_count: keys.length,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, actor, meta, {
      action: "ticket.opened",
      subjectType: "ticket",
      subjectId: ticket.id,
      accountId: customer.accountId,
      after: {
        number: Number(ticket.number),
        category: input.category,
        escalated,
        redactedKeys: keys.length,
      },
    });
    for (const key of keys) {
      await recordExposureIn(trx, deps, actor, meta, {
        candidate: key,
        source: "ticket",
        location: `ticket #${ticket.number}`,
      });
    }
    const user = await trx
      .selectFrom("customer_users")
      .select("email")
      .where("id", "=", customer.userId)
      .executeTakeFirstOrThrow();
    await enqueueMail(
      trx,
      ticketReceivedMail(user.email, Number(ticket.number), clean.subject, deps.config.publicUrl),
    );
    return { id: ticket.id, number: Number(ticket.number), redactedKeys: keys.length };
  });
}
