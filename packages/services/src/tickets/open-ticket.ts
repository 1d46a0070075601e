import { type Executor, enqueueMail, lockAccounts } from "@trustdesk/db";
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
 *
 * A double submit (same `idempotencyKey` from the browser) opens one ticket: the insert is
 * `ON CONFLICT DO NOTHING` on the unique (account, key) index, so a concurrent twin waits for the
 * first to commit and then returns its ticket, having written nothing.
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
    const replay = await findReplay(trx, customer.accountId, input.idempotencyKey);
    if (replay) return replay;
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
        idempotency_key: input.idempotencyKey ?? null,
      })
      .onConflict((oc) =>
        oc.columns(["account_id", "idempotency_key"]).where("idempotency_key", "is not", null).doNothing(),
      )
      .returning(["id", "number"])
      .executeTakeFirst();
    if (!ticket) {
      // A twin submit committed first (we waited on its key): its ticket is the answer.
      const twin = await findReplay(trx, customer.accountId, input.idempotencyKey);
      if (!twin) throw new Error("idempotency conflict without a ticket");
      return twin;
    }
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
    return { id: ticket.id, number: Number(ticket.number), redactedKeys: keys.length, replayed: false };
  });
}

async function findReplay(trx: Executor, accountId: string, key: string | undefined) {
  if (!key) return null;
  const t = await trx
    .selectFrom("tickets")
    .select(["id", "number"])
    .where("account_id", "=", accountId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  return t ? { id: t.id, number: Number(t.number), redactedKeys: 0, replayed: true } : null;
}
