import { type Enforcement, type Executor, enqueueMail, lockAccount } from "@trustdesk/db";
import {
  assessReactivation,
  blockingRequirements,
  createLiftDecisionRecord,
  type DeclineLiftRequestInput,
  DomainError,
  type DormancyReviewDecision,
  EnforcementEvidence,
  type NamedStaffRef,
  type ReactivationAssessment,
  type StaffRef,
  staffCan,
  unmetRequirements,
  type WithdrawLiftRequestInput,
} from "@trustdesk/domain";
import type { Actor } from "../audit/audit-actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { accessRestoredMail } from "../mail/templates.ts";
import { type LiftContext, loadReactivationFacts } from "./load-reactivation-facts.ts";

export type StaffActor = Extract<Actor, { type: "staff" }>;

export interface LiftEnforcementInput {
  enforcementId: string;
  /** Why (internal). Required for manual enforcements: it is the staff decision. */
  note?: string | null;
  /** Dormancy only: the review of the customer's reactivation request. */
  dormancyDecision?: DormancyReviewDecision | null;
}

export type LiftOutcome =
  | { status: "lifted"; enforcementId: string; accountRestored: boolean; assessment: ReactivationAssessment }
  | { status: "already_lifted"; enforcementId: string }
  /** Account takeover: every other requirement is checked, the lift waits for a second person. */
  | { status: "awaiting_approval"; enforcementId: string; assessment: ReactivationAssessment };

export type LiftRequestOutcome =
  | { status: "withdrawn" | "declined"; enforcementId: string }
  /** Nothing to withdraw (already withdrawn, declined or decided): a retry lands here. */
  | { status: "no_request"; enforcementId: string }
  | { status: "already_lifted"; enforcementId: string };

const ref = (actor: StaffActor): StaffRef => ({ staffId: actor.staffId, role: actor.role });

/**
 * Locks the enforcement's account first (the order every enforcement use case follows, see
 * `lockAccount`), then the enforcement row, and returns the row as it is now.
 */
async function lockEnforcement(trx: Executor, id: string): Promise<Enforcement> {
  const owner = await trx
    .selectFrom("enforcements")
    .select("account_id")
    .where("id", "=", id)
    .executeTakeFirst();
  if (!owner) throw new DomainError("NOT_FOUND", "No enforcement with that id.");
  await lockAccount(trx, owner.account_id);
  return trx
    .selectFrom("enforcements")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** A staff member with the name people read in records and messages. */
export async function namedStaff(trx: Executor, staffId: string): Promise<NamedStaffRef> {
  const s = await trx
    .selectFrom("staff_users")
    .select(["id", "name", "role"])
    .where("id", "=", staffId)
    .executeTakeFirstOrThrow();
  return { staffId: s.id, role: s.role, name: s.name };
}

function refuse(assessment: ReactivationAssessment): never {
  const unmet = unmetRequirements(assessment);
  throw new DomainError(
    "PRECONDITION_FAILED",
    `Not yet: ${unmet.map((r) => r.agentText).join(" ")}`.slice(0, 1000),
    { details: { unmet } },
  );
}

/**
 * Lifts an enforcement once its reason's reactivation requirements are met, refusing with the list
 * of unmet ones otherwise. Lifting an account-takeover suspension is the riskiest action in the
 * product, so it takes two people: the first call records the request, and a lead who is not the
 * requester approves it (`approveEnforcementLift`). Retrying a completed lift changes nothing.
 */
export async function liftEnforcement(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: LiftEnforcementInput,
): Promise<LiftOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const e = await lockEnforcement(trx, input.enforcementId);
    if (e.status === "lifted") return { status: "already_lifted", enforcementId: e.id };
    if (e.reason === "account_takeover" && e.lift_requested_by_staff_id) {
      // One pending request per enforcement: a second person's request must not overwrite the first.
      if (e.lift_requested_by_staff_id !== actor.staffId) {
        const who = await namedStaff(trx, e.lift_requested_by_staff_id);
        throw new DomainError(
          "CONFLICT",
          `${who.name} already asked to lift this suspension${e.lift_requested_at ? ` on ${e.lift_requested_at.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}. Only one request at a time: ${who.name} can withdraw it, or a lead can approve or decline it.`,
          { details: { requestedBy: who.name, requestedAt: e.lift_requested_at } },
        );
      }
    }
    const now = deps.now();
    const ctx: LiftContext = {
      requester: ref(actor),
      approver: null,
      now,
      note: input.note?.trim() || null,
      dormancyDecision: input.dormancyDecision ?? null,
    };
    const assessment = assessReactivation(await loadReactivationFacts(trx, e, ctx));
    if (e.reason === "account_takeover") {
      // Everything but the four-eyes approval must already hold before anyone is asked to approve.
      const blocking = blockingRequirements(assessment.requirements);
      if (blocking.length > 0) refuse({ satisfied: false, requirements: blocking });
      // The requester asking again (a retry): the request stands as it was made.
      if (e.lift_requested_by_staff_id === actor.staffId)
        return { status: "awaiting_approval", enforcementId: e.id, assessment };
      await trx
        .updateTable("enforcements")
        .set({
          lift_requested_by_staff_id: actor.staffId,
          lift_requested_at: now,
          lift_request_note: ctx.note,
          // A new request answers the last decline; the audit trail keeps it.
          lift_declined_by_staff_id: null,
          lift_declined_at: null,
          lift_decline_note: null,
        })
        .where("id", "=", e.id)
        .execute();
      await recordAudit(trx, actor, meta, {
        action: "enforcement.lift_requested",
        subjectType: "enforcement",
        subjectId: e.id,
        accountId: e.account_id,
        after: { liftRequestedBy: actor.staffId, note: ctx.note },
      });
      return { status: "awaiting_approval", enforcementId: e.id, assessment };
    }
    if (!assessment.satisfied) refuse(assessment);
    const restored = await completeLift(trx, deps, actor, meta, e, assessment, {
      requester: await namedStaff(trx, actor.staffId),
      approver: null,
      requestNote: ctx.note,
    });
    return { status: "lifted", enforcementId: e.id, accountRestored: restored, assessment };
  });
}

/** The second person of an account-takeover lift: a lead who did not request it. */
export async function approveEnforcementLift(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  enforcementId: string,
): Promise<LiftOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const e = await lockEnforcement(trx, enforcementId);
    if (e.status === "lifted") return { status: "already_lifted", enforcementId: e.id };
    if (!e.lift_requested_by_staff_id) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        "Nobody has asked to lift this enforcement yet: request the lift first.",
      );
    }
    const requester = await namedStaff(trx, e.lift_requested_by_staff_id);
    const requesterRef: StaffRef = { staffId: requester.staffId, role: requester.role };
    const ctx: LiftContext = {
      requester: requesterRef,
      approver: ref(actor),
      now: deps.now(),
      note: e.lift_request_note,
      dormancyDecision: null,
    };
    const assessment = assessReactivation(await loadReactivationFacts(trx, e, ctx));
    if (!assessment.satisfied) refuse(assessment);
    const restored = await completeLift(trx, deps, actor, meta, e, assessment, {
      requester,
      approver: await namedStaff(trx, actor.staffId),
      requestNote: e.lift_request_note,
    });
    return { status: "lifted", enforcementId: e.id, accountRestored: restored, assessment };
  });
}

/**
 * The requester takes their account-takeover lift request back (they asked too early, or the
 * wrong account). Only the requester can: anyone else is told whose request it is. A retry after
 * the request is gone answers `no_request`.
 */
export async function withdrawLiftRequest(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: WithdrawLiftRequestInput,
): Promise<LiftRequestOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const e = await lockEnforcement(trx, input.enforcementId);
    if (e.status === "lifted") return { status: "already_lifted", enforcementId: e.id };
    if (!e.lift_requested_by_staff_id) return { status: "no_request", enforcementId: e.id };
    if (e.lift_requested_by_staff_id !== actor.staffId) {
      const who = await namedStaff(trx, e.lift_requested_by_staff_id);
      throw new DomainError(
        "FORBIDDEN",
        `This lift was requested by ${who.name}: only they can withdraw it (a lead can decline it).`,
      );
    }
    await clearLiftRequest(trx, e.id, null);
    await recordAudit(trx, actor, meta, {
      action: "enforcement.lift_request_withdrawn",
      subjectType: "enforcement",
      subjectId: e.id,
      accountId: e.account_id,
      before: { liftRequestedBy: e.lift_requested_by_staff_id, note: e.lift_request_note },
      after: { liftRequestedBy: null },
    });
    return { status: "withdrawn", enforcementId: e.id };
  });
}

/**
 * A lead turns an account-takeover lift request down, with a note the requester reads on the
 * enforcement. Not for the requester's own request (they withdraw it). Afterwards anyone may ask
 * again. Retrying the same decline answers `declined` again and changes nothing.
 */
export async function declineLiftRequest(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: DeclineLiftRequestInput,
): Promise<LiftRequestOutcome> {
  if (!staffCan(ref(actor).role, "enforcement.approve_ato_lift"))
    throw new DomainError("FORBIDDEN", "Only a lead can decline a lift request.");
  const note = input.note.trim();
  return deps.db.transaction().execute(async (trx) => {
    const e = await lockEnforcement(trx, input.enforcementId);
    if (e.status === "lifted") return { status: "already_lifted", enforcementId: e.id };
    if (!e.lift_requested_by_staff_id) {
      if (e.lift_declined_by_staff_id === actor.staffId && e.lift_decline_note === note)
        return { status: "declined", enforcementId: e.id };
      throw new DomainError(
        "PRECONDITION_FAILED",
        "There is no lift request to decline: it was withdrawn or decided a moment ago.",
      );
    }
    if (e.lift_requested_by_staff_id === actor.staffId) {
      throw new DomainError(
        "CONFLICT",
        "You asked for this lift yourself: withdraw your request instead of declining it.",
      );
    }
    await clearLiftRequest(trx, e.id, { staffId: actor.staffId, at: deps.now(), note });
    await recordAudit(trx, actor, meta, {
      action: "enforcement.lift_declined",
      subjectType: "enforcement",
      subjectId: e.id,
      accountId: e.account_id,
      before: { liftRequestedBy: e.lift_requested_by_staff_id, note: e.lift_request_note },
      after: { liftRequestedBy: null, declinedBy: actor.staffId, note },
    });
    return { status: "declined", enforcementId: e.id };
  });
}

async function clearLiftRequest(
  trx: Executor,
  enforcementId: string,
  decline: { staffId: string; at: Date; note: string } | null,
): Promise<void> {
  await trx
    .updateTable("enforcements")
    .set({
      lift_requested_by_staff_id: null,
      lift_requested_at: null,
      lift_request_note: null,
      ...(decline
        ? {
            lift_declined_by_staff_id: decline.staffId,
            lift_declined_at: decline.at,
            lift_decline_note: decline.note,
          }
        : {}),
    })
    .where("id", "=", enforcementId)
    .execute();
}

/**
 * Lifts inside the caller's transaction and freezes the decision record (requirements as judged,
 * evidence, requester and approver by name, the requester's note). Resolves the case when nothing
 * else holds it open, and tells the customer when the account is unrestricted again. Returns
 * whether it is. The caller holds the account lock.
 */
export async function completeLift(
  trx: Executor,
  deps: ServiceDeps,
  actor: Actor,
  meta: RequestMeta | null,
  e: Enforcement,
  assessment: ReactivationAssessment,
  people: { requester: NamedStaffRef; approver: NamedStaffRef | null; requestNote: string | null },
): Promise<boolean> {
  const { requester, approver } = people;
  const now = deps.now();
  const record = createLiftDecisionRecord({
    policyCode: e.policy_code,
    evidence: EnforcementEvidence.parse(e.evidence),
    assessment,
    requester,
    approver,
    requestNote: people.requestNote,
    decidedAt: now,
  });
  await trx
    .updateTable("enforcements")
    .set({
      status: "lifted",
      lifted_at: now,
      lifted_by_staff_id: requester.staffId,
      lift_approved_by_staff_id: approver?.staffId ?? null,
      lift_decision: JSON.stringify(record),
    })
    .where("id", "=", e.id)
    .execute();
  await recordAudit(trx, actor, meta, {
    action: "enforcement.lifted",
    subjectType: "enforcement",
    subjectId: e.id,
    accountId: e.account_id,
    before: { status: "active" },
    after: { status: "lifted", requester: requester.staffId, approver: approver?.staffId ?? null },
  });
  if (e.reason === "account_takeover") {
    // Keys the owner made during the recovery were held back until now (see createApiKey).
    await trx
      .updateTable("api_keys")
      .set({ disabled_at: null })
      .where("account_id", "=", e.account_id)
      .where("created_during_suspension", "=", true)
      .where("revoked_at", "is", null)
      .where("disabled_at", "is not", null)
      .execute();
  }
  if (e.case_id) {
    const stillOpen = await trx
      .selectFrom("enforcements")
      .select("id")
      .where("case_id", "=", e.case_id)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (!stillOpen) {
      await trx
        .updateTable("cases")
        .set({ status: "resolved", resolved_at: now })
        .where("id", "=", e.case_id)
        .where("status", "=", "open")
        .execute();
      await recordAudit(trx, actor, meta, {
        action: "case.resolved",
        subjectType: "case",
        subjectId: e.case_id,
        accountId: e.account_id,
      });
    }
  }
  const remaining = await trx
    .selectFrom("enforcements")
    .select("id")
    .where("account_id", "=", e.account_id)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (remaining) return false;
  const recipients = await trx
    .selectFrom("customer_users")
    .select("email")
    .where("account_id", "=", e.account_id)
    .where("role", "in", ["owner", "admin"])
    .execute();
  for (const r of recipients) await enqueueMail(trx, accessRestoredMail(r.email, deps.config.publicUrl));
  return true;
}
