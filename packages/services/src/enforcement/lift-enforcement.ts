import { type Enforcement, type Executor, enqueueMail } from "@trustdesk/db";
import {
  assessReactivation,
  blockingRequirements,
  createLiftDecisionRecord,
  DomainError,
  type DormancyReviewDecision,
  EnforcementEvidence,
  type ReactivationAssessment,
  type StaffRef,
  unmetRequirements,
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

const ref = (actor: StaffActor): StaffRef => ({
  staffId: actor.staffId,
  role: actor.role as StaffRef["role"],
});

async function lockEnforcement(trx: Executor, id: string): Promise<Enforcement> {
  const e = await trx
    .selectFrom("enforcements")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!e) throw new DomainError("NOT_FOUND", "No enforcement with that id.");
  return e;
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
      await trx
        .updateTable("enforcements")
        .set({
          lift_requested_by_staff_id: actor.staffId,
          lift_requested_at: now,
          lift_request_note: ctx.note,
        })
        .where("id", "=", e.id)
        .execute();
      await recordAudit(trx, actor, meta, {
        action: "enforcement.lift_requested",
        subjectType: "enforcement",
        subjectId: e.id,
        accountId: e.account_id,
        before: { liftRequestedBy: e.lift_requested_by_staff_id },
        after: { liftRequestedBy: actor.staffId, note: ctx.note },
      });
      return { status: "awaiting_approval", enforcementId: e.id, assessment };
    }
    if (!assessment.satisfied) refuse(assessment);
    const restored = await completeLift(trx, deps, actor, meta, e, assessment, ctx.requester, null);
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
    const requester = await trx
      .selectFrom("staff_users")
      .select(["id", "role"])
      .where("id", "=", e.lift_requested_by_staff_id)
      .executeTakeFirstOrThrow();
    const requesterRef: StaffRef = { staffId: requester.id, role: requester.role };
    const ctx: LiftContext = {
      requester: requesterRef,
      approver: ref(actor),
      now: deps.now(),
      note: e.lift_request_note,
      dormancyDecision: null,
    };
    const assessment = assessReactivation(await loadReactivationFacts(trx, e, ctx));
    if (!assessment.satisfied) refuse(assessment);
    const restored = await completeLift(trx, deps, actor, meta, e, assessment, requesterRef, ref(actor));
    return { status: "lifted", enforcementId: e.id, accountRestored: restored, assessment };
  });
}

/**
 * Lifts inside the caller's transaction and freezes the decision record (requirements as judged,
 * evidence, requester, approver). Resolves the case when nothing else holds it open, and tells the
 * customer when the account is unrestricted again. Returns whether it is.
 */
export async function completeLift(
  trx: Executor,
  deps: ServiceDeps,
  actor: Actor,
  meta: RequestMeta | null,
  e: Enforcement,
  assessment: ReactivationAssessment,
  requester: StaffRef,
  approver: StaffRef | null,
): Promise<boolean> {
  const now = deps.now();
  const record = createLiftDecisionRecord({
    policyCode: e.policy_code,
    evidence: EnforcementEvidence.parse(e.evidence),
    assessment,
    requester,
    approver,
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
