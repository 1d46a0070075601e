import type { EnforcementReason } from "./enforcement.ts";
import {
  type AccountTakeoverReactivationFacts,
  accountTakeoverRequirements,
} from "./reactivation-account-takeover.ts";
import { type DormancyReactivationFacts, dormancyRequirements } from "./reactivation-dormancy.ts";
import {
  type ExposedCredentialsReactivationFacts,
  exposedCredentialsRequirements,
} from "./reactivation-exposed-credentials.ts";
import { type ManualReactivationFacts, manualRequirements } from "./reactivation-manual.ts";
import {
  type SignupVettingReactivationFacts,
  signupVettingRequirements,
} from "./reactivation-signup-vetting.ts";
import type { ReactivationAssessment, RequirementResult } from "./requirement-result.ts";

/** The facts for any reason, tagged with it: what `lift-enforcement` loads before asking. */
export type ReactivationFacts =
  | ({ reason: "account_takeover" } & AccountTakeoverReactivationFacts)
  | ({ reason: "signup_vetting" } & SignupVettingReactivationFacts)
  | ({ reason: "dormancy" } & DormancyReactivationFacts)
  | ({ reason: "exposed_credentials" } & ExposedCredentialsReactivationFacts)
  | ({ reason: "manual" } & ManualReactivationFacts);

export type ReactivationFactsFor<R extends EnforcementReason> = Extract<ReactivationFacts, { reason: R }>;

/** Which reactivation requirements the facts meet, for any reason. */
export function assessReactivation(facts: ReactivationFacts): ReactivationAssessment {
  switch (facts.reason) {
    case "account_takeover":
      return accountTakeoverRequirements(facts);
    case "signup_vetting":
      return signupVettingRequirements(facts);
    case "dormancy":
      return dormancyRequirements(facts);
    case "exposed_credentials":
      return exposedCredentialsRequirements(facts);
    case "manual":
      return manualRequirements(facts);
  }
}

export function unmetRequirements(assessment: ReactivationAssessment): RequirementResult[] {
  return assessment.requirements.filter((r) => !r.met);
}

/** The customer's checklist: only the customer-safe text and whether each item is done. */
export function customerChecklist(
  assessment: ReactivationAssessment,
): Array<{ text: string; done: boolean }> {
  return assessment.requirements.map((r) => ({ text: r.customerText, done: r.met }));
}
