import {
  customerChecklist,
  customerSummary,
  DomainError,
  ENFORCEMENT_CUSTOMER_TEXT,
  ENFORCEMENT_NEXT_STEP,
  type VettingOutcome,
  type VettingRuleId,
} from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { assessEnforcement } from "../enforcement/assess-enforcement.ts";

// The customer's checklist is the requirements as they stand, judged for no one in particular.
const CHECKLIST_VIEWER = { staffId: "customer-view", role: "agent" } as const;

/**
 * What a customer sees of their own account: its state and, per active restriction, the
 * customer-safe title and explanation, the case number and the hotline. Never the policy code,
 * the evidence or staff notes.
 */
export async function getAccountOverview(deps: ServiceDeps, accountId: string) {
  const account = await deps.db
    .selectFrom("accounts as a")
    .innerJoin("account_standing as s", "s.account_id", "a.id")
    .select(["a.id", "a.name", "a.plan", "a.created_at", "s.state"])
    .where("a.id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw new DomainError("NOT_FOUND", "Account not found.");
  const enforcements = await deps.db
    .selectFrom("enforcements as e")
    .leftJoin("cases as c", "c.id", "e.case_id")
    .select(["e.id", "e.reason", "e.created_at", "e.evidence", "c.number as case_number", "c.hotline_number"])
    .where("e.account_id", "=", accountId)
    .where("e.status", "=", "active")
    .orderBy("e.created_at", "desc")
    .execute();
  const checklists = await Promise.all(
    enforcements.map(async (e) => customerChecklist(await assessEnforcement(deps, e.id, CHECKLIST_VIEWER))),
  );
  const details = await Promise.all(enforcements.map((e) => safeDetail(deps, e.reason, e.evidence)));
  return {
    account: {
      id: account.id,
      name: account.name,
      plan: account.plan,
      state: account.state,
      createdAt: account.created_at,
    },
    restrictions: enforcements.map((e, i) => ({
      id: e.id,
      reason: e.reason,
      title: ENFORCEMENT_CUSTOMER_TEXT[e.reason].title,
      explanation: ENFORCEMENT_CUSTOMER_TEXT[e.reason].explanation,
      since: e.created_at,
      caseNumber: e.case_number,
      hotlineNumber: e.reason === "account_takeover" ? e.hotline_number : null,
      checklist: checklists[i] ?? [],
      /** Shown once every item is done: who reviews, and when. */
      nextStep: ENFORCEMENT_NEXT_STEP[e.reason],
      /** Dormancy: the last day with activity (null: never any). */
      lastActivityDay: details[i]?.lastActivityDay ?? null,
      /** Sign-up vetting: what we noticed, in the customer's terms (never rule ids or scores). */
      reasonText: details[i]?.reasonText ?? null,
    })),
  };
}

/** The customer-safe facts of a restriction's evidence: a dormancy's last activity, a review's reason. */
async function safeDetail(
  deps: ServiceDeps,
  reason: string,
  evidence: unknown,
): Promise<{ lastActivityDay: string | null; reasonText: string | null }> {
  const ev = (evidence ?? {}) as { lastActivityDay?: string | null; vettingDecisionId?: string };
  if (reason === "dormancy") return { lastActivityDay: ev.lastActivityDay ?? null, reasonText: null };
  if (reason === "signup_vetting" && ev.vettingDecisionId) {
    const decision = await deps.db
      .selectFrom("vetting_decisions")
      .select(["outcome", "fired_rules"])
      .where("id", "=", ev.vettingDecisionId)
      .executeTakeFirst();
    if (decision) {
      const fired = (decision.fired_rules as Array<{ rule: VettingRuleId; weight: number }>) ?? [];
      return {
        lastActivityDay: null,
        reasonText: customerSummary(decision.outcome as VettingOutcome, fired),
      };
    }
  }
  return { lastActivityDay: null, reasonText: null };
}
