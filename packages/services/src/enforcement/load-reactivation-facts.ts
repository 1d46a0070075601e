import type { Enforcement, Executor } from "@trustdesk/db";
import {
  apiKeyDisplayPrefix,
  DomainError,
  type DormancyReviewDecision,
  DormantReactivationRequest,
  isUuid,
  parseEvidence,
  type ReactivationFacts,
  type StaffRef,
} from "@trustdesk/domain";
import { sql } from "kysely";

/** What the lifting staff member adds to the facts: their own decision where the reason needs one. */
export interface LiftContext {
  requester: StaffRef;
  approver: StaffRef | null;
  now: Date;
  note: string | null;
  dormancyDecision: DormancyReviewDecision | null;
}

/**
 * Loads, for one enforcement, the facts its reason's reactivation requirements are judged on. The
 * rules themselves are pure functions in the domain package; this only reads the database.
 */
export async function loadReactivationFacts(
  trx: Executor,
  e: Enforcement,
  lift: LiftContext,
): Promise<ReactivationFacts> {
  const enforcedAt = e.created_at;
  // The texts name people, never their ids: the requester and approver get their names here.
  const ctx = await withStaffNames(trx, lift);
  switch (e.reason) {
    case "account_takeover": {
      const owner = await trx
        .selectFrom("customer_users")
        .select(["password_changed_at", "totp_enabled_at"])
        .where("account_id", "=", e.account_id)
        .where("role", "=", "owner")
        .executeTakeFirst();
      const sessions = await trx
        .selectFrom("sessions as s")
        .innerJoin("customer_users as u", "u.id", "s.customer_user_id")
        .select(["s.created_at", "s.revoked_at", "s.expires_at"])
        .where("u.account_id", "=", e.account_id)
        .execute();
      const keys = await trx
        .selectFrom("api_keys")
        .select(["id", "name", "key_id", "revoked_at"])
        .where("account_id", "=", e.account_id)
        // Compared in the database at microsecond precision: a JavaScript Date keeps milliseconds
        // only, and a key made in the same millisecond as the suspension must still count.
        .where("created_at", "<=", trx.selectFrom("enforcements").select("created_at").where("id", "=", e.id))
        .execute();
      const madeDuring = await trx
        .selectFrom("api_keys")
        .select(["id", "name", "key_id", "revoked_at"])
        .where("account_id", "=", e.account_id)
        .where("created_during_suspension", "=", true)
        .where("created_at", ">", trx.selectFrom("enforcements").select("created_at").where("id", "=", e.id))
        .orderBy("created_at")
        .execute();
      return {
        reason: "account_takeover",
        enforcedAt,
        passwordChangedAt: owner?.password_changed_at ?? null,
        // An expired session can no longer be used: it counts as ended when it expired.
        sessions: sessions.map((s) => ({
          createdAt: s.created_at,
          revokedAt: s.revoked_at ?? (s.expires_at <= ctx.now ? s.expires_at : null),
        })),
        totpEnabledAt: owner?.totp_enabled_at ?? null,
        keysAtEnforcement: keys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: apiKeyDisplayPrefix(k.key_id),
          revokedAt: k.revoked_at,
        })),
        keysCreatedDuringSuspension: madeDuring.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: apiKeyDisplayPrefix(k.key_id),
          revokedAt: k.revoked_at,
        })),
        requester: ctx.requester,
        approver: ctx.approver,
      };
    }
    case "exposed_credentials": {
      const exposed = await trx
        .selectFrom("credential_exposures as x")
        .innerJoin("api_keys as k", "k.id", "x.api_key_id")
        .select(["k.id", "k.name", "k.key_id", "k.revoked_at", "x.found_at"])
        .where("x.enforcement_id", "=", e.id)
        .execute();
      const accountKeys = await trx
        .selectFrom("api_keys")
        .select(["id", "name", "key_id", "created_at", "revoked_at"])
        .where("account_id", "=", e.account_id)
        .execute();
      const confirmation = await trx
        .selectFrom("tickets")
        .select(["id", "number", "form"])
        .where("enforcement_id", "=", e.id)
        .where(sql<boolean>`(form ->> 'remediationConfirmedAt') is not null`)
        .orderBy("created_at", "desc")
        .executeTakeFirst();
      const confirmedAt = confirmation
        ? (confirmation.form as { remediationConfirmedAt?: string }).remediationConfirmedAt
        : undefined;
      return {
        reason: "exposed_credentials",
        exposedKeys: exposed.map((x) => ({
          id: x.id,
          name: x.name,
          keyPrefix: apiKeyDisplayPrefix(x.key_id),
          foundAt: x.found_at,
          revokedAt: x.revoked_at,
        })),
        accountKeys: accountKeys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: apiKeyDisplayPrefix(k.key_id),
          createdAt: k.created_at,
          revokedAt: k.revoked_at,
        })),
        customerConfirmation:
          confirmation && confirmedAt
            ? {
                ticketId: confirmation.id,
                ticketNumber: Number(confirmation.number),
                confirmedAt: new Date(confirmedAt),
              }
            : null,
      };
    }
    case "dormancy": {
      // A request counts when made after the deactivation — or, on an older ticket, confirmed again
      // after it with the ticket page's button (`form.reactivationRequestedAt`, set only by us).
      const since = trx.selectFrom("enforcements").select("created_at").where("id", "=", e.id);
      const requestedAt = sql<Date | null>`case when form ->> 'reactivationRequestedAt' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' then (form ->> 'reactivationRequestedAt')::timestamptz end`;
      const tickets = await trx
        .selectFrom("tickets")
        .select(["id", "number", "form", "created_at"])
        .select(requestedAt.as("requested_at"))
        .where("account_id", "=", e.account_id)
        .where("category", "=", "dormant_account")
        .where((eb) => eb.or([eb("created_at", ">=", since), eb(requestedAt, ">=", since)]))
        .orderBy("created_at", "desc")
        .execute();
      const request = tickets
        .map((t) => ({ t, parsed: DormantReactivationRequest.safeParse(t.form) }))
        .find((x) => x.parsed.success);
      const submittedAt = request
        ? request.t.created_at >= enforcedAt || !request.t.requested_at
          ? request.t.created_at
          : new Date(request.t.requested_at)
        : null;
      return {
        reason: "dormancy",
        enforcedAt,
        request:
          request?.parsed.success && submittedAt
            ? {
                ticketId: request.t.id,
                ticketNumber: Number(request.t.number),
                submittedAt,
                details: request.parsed.data,
              }
            : null,
        review: ctx.dormancyDecision
          ? { decision: ctx.dormancyDecision, reviewedAt: ctx.now, reviewer: ctx.requester }
          : null,
      };
    }
    case "signup_vetting": {
      const evidence = parseEvidence("signup_vetting", e.evidence);
      const decision = await trx
        .selectFrom("vetting_decisions as d")
        .innerJoin("staff_users as s", "s.id", "d.decided_by_staff_id")
        .leftJoin("tickets as t", "t.id", "d.appeal_ticket_id")
        .select([
          "d.outcome",
          "d.created_at",
          "d.appeal_ticket_id",
          "t.number as appeal_ticket_number",
          "s.id as staff_id",
          "s.name",
          "s.role",
        ])
        .where("d.account_id", "=", e.account_id)
        .where("d.decided_by", "=", "staff")
        .where(
          "d.created_at",
          ">=",
          trx.selectFrom("enforcements").select("created_at").where("id", "=", e.id),
        )
        .orderBy("d.created_at", "desc")
        .executeTakeFirst();
      return {
        reason: "signup_vetting",
        enforcedAt,
        enforcedOutcome: evidence.outcome,
        staffDecision: decision
          ? {
              outcome: decision.outcome,
              decidedAt: decision.created_at,
              decidedBy: { staffId: decision.staff_id, role: decision.role, name: decision.name },
              appealTicketId: decision.appeal_ticket_id,
              appealTicketNumber: decision.appeal_ticket_number
                ? Number(decision.appeal_ticket_number)
                : null,
            }
          : null,
      };
    }
    case "manual":
      return {
        reason: "manual",
        enforcedAt,
        decision: ctx.note ? { decidedBy: ctx.requester, decidedAt: ctx.now, note: ctx.note } : null,
      };
    default:
      throw new DomainError("CONFLICT", `Unknown enforcement reason ${String(e.reason)}.`);
  }
}

/** The lift context with the requester's and approver's names (one look-up; a name already given stays). */
async function withStaffNames(trx: Executor, ctx: LiftContext): Promise<LiftContext> {
  const ids = [ctx.requester, ctx.approver]
    .filter((r): r is StaffRef => r !== null && !r.name && isUuid(r.staffId))
    .map((r) => r.staffId);
  if (ids.length === 0) return ctx;
  const rows = await trx.selectFrom("staff_users").select(["id", "name"]).where("id", "in", ids).execute();
  const name = (r: StaffRef): StaffRef => {
    const found = r.name ?? rows.find((x) => x.id === r.staffId)?.name;
    return found ? { ...r, name: found } : r;
  };
  return { ...ctx, requester: name(ctx.requester), approver: ctx.approver ? name(ctx.approver) : null };
}
