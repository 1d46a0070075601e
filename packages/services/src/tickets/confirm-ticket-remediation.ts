import type { Executor } from "@trustdesk/db";
import {
  DomainError,
  DormantReactivationRequest,
  type EnforcementReason,
  statusAfterCustomerReply,
  type TicketCategory,
} from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { TicketViewer } from "./list-customer-tickets.ts";
import { lockTicket, statusColumns } from "./ticket-changes.ts";
import { canSeeTicket } from "./ticket-visibility.ts";

type ConfirmationKind = "exposed_credentials_cleanup" | "dormant_reactivation";

/** What the customer confirms, in their words: the button's label, and the message it writes. */
export const CONFIRMATION_TEXT: Record<ConfirmationKind, string> = {
  exposed_credentials_cleanup:
    "I revoked the exposed key, created a replacement and removed the key from where it leaked.",
  dormant_reactivation:
    "Please reactivate my account for the use, volume and sending domains described on this ticket.",
};

const KIND_OF: Partial<Record<TicketCategory, { kind: ConfirmationKind; reason: EnforcementReason }>> = {
  exposed_credentials: { kind: "exposed_credentials_cleanup", reason: "exposed_credentials" },
  dormant_account: { kind: "dormant_reactivation", reason: "dormancy" },
};

interface ConfirmableTicket {
  id: string;
  account_id: string;
  category: TicketCategory;
  form: Record<string, unknown>;
  created_at: Date;
  status: string;
}

async function activeEnforcement(trx: Executor, accountId: string, reason: EnforcementReason) {
  return trx
    .selectFrom("enforcements")
    .select(["id", "created_at"])
    .where("account_id", "=", accountId)
    .where("reason", "=", reason)
    .where("status", "=", "active")
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

function dateOf(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * When the confirmation counts for the enforcement the checklist is about — read the way the
 * reactivation requirements read it (`loadReactivationFacts`): the clean-up by
 * `form.remediationConfirmedAt`; a reactivation request by a valid request made (or confirmed, in
 * `form.reactivationRequestedAt`) after the deactivation.
 */
function confirmedAt(kind: ConfirmationKind, t: ConfirmableTicket, enforcedAt: Date | null): Date | null {
  if (kind === "exposed_credentials_cleanup") return dateOf(t.form.remediationConfirmedAt);
  if (!DormantReactivationRequest.safeParse(t.form).success) return null;
  const since = enforcedAt?.getTime() ?? 0;
  if (t.created_at.getTime() >= since) return t.created_at;
  const requested = dateOf(t.form.reactivationRequestedAt);
  return requested && requested.getTime() >= since ? requested : null;
}

/**
 * What the ticket page offers to confirm: on an exposed-credentials ticket while the account's keys
 * are restricted (or once confirmed), and on a dormant-account ticket with a complete request while
 * the account is deactivated. Null where the checklist asks nothing of this ticket.
 */
export async function ticketConfirmation(trx: Executor, t: ConfirmableTicket) {
  const spec = KIND_OF[t.category];
  if (!spec) return null;
  const enforcement = await activeEnforcement(trx, t.account_id, spec.reason);
  // A reactivation request means something only while the account is deactivated.
  if (spec.kind === "dormant_reactivation" && !enforcement) return null;
  const at = confirmedAt(spec.kind, t, enforcement?.created_at ?? null);
  if (!enforcement && !at) return null;
  if (spec.kind === "dormant_reactivation" && !DormantReactivationRequest.safeParse(t.form).success)
    return null;
  return { kind: spec.kind, statement: CONFIRMATION_TEXT[spec.kind], confirmedAt: at };
}

/**
 * The customer confirms on their ticket what the checklist asks (the button on the ticket page): the
 * clean-up after an exposed key, or a dormant account's reactivation request. Stored where the
 * reactivation requirement reads it, linked to the active enforcement, written into the
 * conversation as the customer's message (so the agent sees it where they work) and audited. The
 * ticket goes back to the team like after a reply. Confirming again changes nothing.
 */
export async function confirmTicketRemediation(
  deps: ServiceDeps,
  viewer: TicketViewer,
  meta: RequestMeta,
  ticketId: string,
) {
  const notFound = () => new DomainError("NOT_FOUND", "We couldn't find that ticket on your account.");
  return deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, ticketId, null).catch((error: unknown) => {
      throw error instanceof DomainError ? notFound() : error;
    });
    if (!canSeeTicket(viewer, ticket)) throw notFound();
    const spec = KIND_OF[ticket.category];
    if (!spec) {
      throw new DomainError("PRECONDITION_FAILED", "There is nothing to confirm on this ticket.");
    }
    const form = ticket.form as Record<string, unknown>;
    const enforcement = await activeEnforcement(trx, ticket.account_id, spec.reason);
    const already = confirmedAt(spec.kind, { ...ticket, form }, enforcement?.created_at ?? null);
    if (already) return { kind: spec.kind, confirmedAt: already, replayed: true };
    if (!enforcement) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        spec.kind === "dormant_reactivation"
          ? "Your account is not deactivated: there is nothing to confirm."
          : "None of your keys is restricted for an exposure: there is nothing to confirm.",
      );
    }
    if (spec.kind === "dormant_reactivation" && !DormantReactivationRequest.safeParse(form).success) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        "This ticket lacks what a reactivation needs (intended use, monthly volume, sending domains): open a new reactivation ticket.",
      );
    }
    const outcome = statusAfterCustomerReply(ticket.status);
    if (!outcome.ok) throw new DomainError("PRECONDITION_FAILED", outcome.reason);
    const now = deps.now();
    const field =
      spec.kind === "exposed_credentials_cleanup" ? "remediationConfirmedAt" : "reactivationRequestedAt";
    await trx
      .updateTable("tickets")
      .set({
        ...statusColumns(ticket, outcome.status, now),
        form: JSON.stringify({ ...form, [field]: now.toISOString() }),
        // The requirement reads confirmations on the enforcement's tickets: a ticket opened before
        // the restriction joins it now.
        enforcement_id: ticket.enforcement_id ?? enforcement.id,
      })
      .where("id", "=", ticket.id)
      .execute();
    const message = await trx
      .insertInto("ticket_messages")
      .values({
        ticket_id: ticket.id,
        author_customer_user_id: viewer.userId,
        author_staff_id: null,
        visibility: "public",
        body: CONFIRMATION_TEXT[spec.kind],
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { type: "customer", userId: viewer.userId, accountId: viewer.accountId }, meta, {
      action: "ticket.remediation_confirmed",
      subjectType: "ticket",
      subjectId: ticket.id,
      accountId: ticket.account_id,
      before: { status: ticket.status },
      after: {
        status: outcome.status,
        kind: spec.kind,
        enforcementId: enforcement.id,
        messageId: message.id,
      },
    });
    return { kind: spec.kind, confirmedAt: now, replayed: false };
  });
}
