import { type Executor, lockAccount } from "@trustdesk/db";
import {
  DomainError,
  evaluateSignup,
  type FiredVettingRule,
  SignupVettingEvidence,
  type VettingEvaluation,
  type VettingOutcome,
} from "@trustdesk/domain";
import type { Actor } from "../audit/audit-actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { applyEnforcement } from "../enforcement/apply-enforcement.ts";
import {
  assembleSignupSignals,
  countRecentSignups,
  type EmailDomainSignals,
  gatherEmailDomainSignals,
  type SignupFacts,
} from "./gather-signup-signals.ts";
import { loadActiveVettingPolicy } from "./load-active-policy.ts";

/** The vetting writes as this internal service (audit actor, `enforcements.created_by_service`). */
export const VETTING_SERVICE_ACTOR: Actor = { type: "service", name: "vetting" };

export interface SignupVettingSubject extends SignupFacts {
  accountId: string;
  /** The address the sign-up came from (`accounts.signup_ip`); null when unknown. */
  ip: string | null;
  /** The keyed hash of the browser's device id (`accounts.signup_device_hash`); null when none was sent. */
  deviceHash: Buffer | null;
}

export interface SignupVettingResult {
  decisionId: string;
  outcome: VettingOutcome;
  score: number;
  policyVersion: number;
  /** Agent-facing: every fired rule with its weight and what was seen. */
  firedRules: FiredVettingRule[];
  /** Customer-safe: the only part of the decision a customer may be shown. */
  customerSummary: string;
  /** The account's active sign-up vetting enforcement after this check; null on approve. */
  enforcement: { id: string; created: boolean } | null;
}

/**
 * Vets a sign-up inside the caller's transaction, given the signals gathered before it opened
 * (lists and DNS: see `gatherEmailDomainSignals`): counts the sign-up velocity, scores the signals
 * against the active policy, stores the decision (policy version, outcome, score, fired rules with
 * weights and agent detail, all signals) and audits it. A review or reject puts a `signup_vetting`
 * enforcement on the account (`vetting.review` / `vetting.reject`) — or keeps the one already
 * active, so a re-run never stacks a second one. An approve never lifts an existing enforcement:
 * lifting is an agent's decision (see decide-signup-vetting).
 */
export async function vetSignupInTransaction(
  trx: Executor,
  meta: RequestMeta | null,
  subject: SignupVettingSubject,
  emailSignals: EmailDomainSignals,
): Promise<SignupVettingResult> {
  const policy = await loadActiveVettingPolicy(trx);
  const velocity = await countRecentSignups(trx, {
    accountId: subject.accountId,
    ip: subject.ip,
    deviceHash: subject.deviceHash,
    emailDomain: emailSignals.emailDomain,
  });
  const signals = assembleSignupSignals(subject, emailSignals, velocity);
  const evaluation = evaluateSignup(policy, signals);

  const decision = await trx
    .insertInto("vetting_decisions")
    .values({
      account_id: subject.accountId,
      policy_version: evaluation.policyVersion,
      outcome: evaluation.outcome,
      score: evaluation.score,
      fired_rules: JSON.stringify(evaluation.firedRules),
      signals: JSON.stringify(signals),
      decided_by: "policy",
      decided_by_staff_id: null,
      note: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  let enforcement: SignupVettingResult["enforcement"] = null;
  if (evaluation.outcome !== "approve") {
    const evidence = SignupVettingEvidence.parse({
      reason: "signup_vetting",
      vettingDecisionId: decision.id,
      outcome: evaluation.outcome,
      score: evaluation.score,
      policyVersion: evaluation.policyVersion,
    });
    enforcement = await applyEnforcement(trx, VETTING_SERVICE_ACTOR, meta, {
      accountId: subject.accountId,
      policyCode: `vetting.${evaluation.outcome}`,
      evidence,
      note: agentSummary(evaluation),
    });
  }

  await recordAudit(trx, VETTING_SERVICE_ACTOR, meta, {
    action: "vetting.decided",
    subjectType: "vetting_decision",
    subjectId: decision.id,
    accountId: subject.accountId,
    after: {
      decidedBy: "policy",
      outcome: evaluation.outcome,
      score: evaluation.score,
      policyVersion: evaluation.policyVersion,
      firedRules: evaluation.firedRules.map((f) => ({ rule: f.rule, weight: f.weight })),
      enforcementId: enforcement?.id ?? null,
      enforcementCreated: enforcement?.created ?? false,
    },
  });

  return {
    decisionId: decision.id,
    outcome: evaluation.outcome,
    score: evaluation.score,
    policyVersion: evaluation.policyVersion,
    firedRules: evaluation.firedRules,
    customerSummary: evaluation.customerSummary,
    enforcement,
  };
}

/**
 * Runs the sign-up check again for an existing account (e.g. an agent sending a dormant account
 * back through vetting), with the owner's email and the details on file. DNS is asked before the
 * transaction; inside it the account row is locked so two re-runs cannot race each other into a
 * second active enforcement.
 */
export async function vetSignup(
  deps: ServiceDeps,
  meta: RequestMeta | null,
  accountId: string,
): Promise<SignupVettingResult> {
  const facts = await loadSubject(deps.db, accountId);
  const emailSignals = await gatherEmailDomainSignals(deps, facts.email);
  return deps.db.transaction().execute(async (trx) => {
    // The lock every enforcement use case takes first: a re-run waits for a report, lift or decision.
    if (!(await lockAccount(trx, accountId))) throw new DomainError("NOT_FOUND", "No account to vet.");
    return vetSignupInTransaction(trx, meta, facts, emailSignals);
  });
}

async function loadSubject(db: Executor, accountId: string): Promise<SignupVettingSubject> {
  const row = await db
    .selectFrom("accounts as a")
    .innerJoin("customer_users as u", (join) =>
      join.onRef("u.account_id", "=", "a.id").on("u.role", "=", "owner"),
    )
    .select([
      "a.id",
      "a.name as company",
      "a.website",
      "a.country",
      "a.signup_ip",
      "a.signup_device_hash",
      "u.email",
      "u.name",
    ])
    .where("a.id", "=", accountId)
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "No account with an owner was found to vet.");
  return {
    accountId: row.id,
    email: row.email,
    name: row.name,
    company: row.company,
    website: row.website,
    country: row.country,
    ip: row.signup_ip,
    deviceHash: row.signup_device_hash,
  };
}

/** One agent-facing line for the enforcement's note: the score and every rule that fired. */
function agentSummary(e: VettingEvaluation): string {
  const rules = e.firedRules.map((f) => `${f.rule} (+${f.weight}): ${f.agentDetail}`).join("; ");
  return `Sign-up vetting, policy v${e.policyVersion}: score ${e.score} → ${e.outcome}. ${rules}`;
}
