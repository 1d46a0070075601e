import { enqueueMail } from "@trustdesk/db";
import {
  DomainError,
  type EnforcementReason,
  type OpenTicketInput,
  redactApiKeys,
  type TicketCategory,
} from "@trustdesk/domain";
import type { Actor } from "../audit/audit-actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { recordExposureIn } from "../enforcement/record-exposure.ts";
import { ticketReceivedMail } from "../mail/templates.ts";
import { enforceRateLimit, type RateLimitRule } from "../rate-limit/enforce-rate-limit.ts";

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
 * Opens a ticket for the caller's own account, in one transaction: API keys pasted into the message
 * are redacted before storage and handled as an exposure (revoked, enforced, case), the ticket is
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
    const body = redactApiKeys(input.body);
    const subject = redactApiKeys(input.subject);
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
    if (input.category === "account_takeover" && input.form.caseNumber) {
      const kase = await trx
        .selectFrom("cases")
        .select("id")
        .where("number", "=", input.form.caseNumber)
        .where("account_id", "=", customer.accountId)
        .executeTakeFirst();
      if (!kase) {
        throw new DomainError("VALIDATION", "We couldn't find that case number on your account.", {
          fields: { "form.caseNumber": "Not a case of your account" },
        });
      }
      caseId = kase.id;
    }
    const form: Record<string, unknown> = { ...input.form };
    if (input.category === "exposed_credentials" && input.form.rotationConfirmed)
      form.remediationConfirmedAt = now.toISOString();
    const escalated = input.category === "account_takeover" && input.form.escalate;
    const ticket = await trx
      .insertInto("tickets")
      .values({
        account_id: customer.accountId,
        opened_by_user_id: customer.userId,
        category: input.category,
        subject: subject.text,
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
    const keys = [...new Set([...subject.found, ...body.found])];
    await trx
      .insertInto("ticket_messages")
      .values({
        ticket_id: ticket.id,
        author_customer_user_id: customer.userId,
        author_staff_id: null,
        visibility: "public",
        body: body.text,
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
      ticketReceivedMail(user.email, Number(ticket.number), subject.text, deps.config.publicUrl),
    );
    return { id: ticket.id, number: Number(ticket.number), redactedKeys: keys.length };
  });
}
