import type { ATO_REQUIREMENT_CODES } from "./reactivation-account-takeover.ts";
import type { DORMANCY_REQUIREMENT_CODES } from "./reactivation-dormancy.ts";
import type { EXPOSED_CREDENTIALS_REQUIREMENT_CODES } from "./reactivation-exposed-credentials.ts";
import type { MANUAL_REQUIREMENT_CODES } from "./reactivation-manual.ts";
import type { SIGNUP_VETTING_REQUIREMENT_CODES } from "./reactivation-signup-vetting.ts";
import type { RequirementResult } from "./requirement-result.ts";

export type RequirementCode =
  | (typeof ATO_REQUIREMENT_CODES)[number]
  | (typeof DORMANCY_REQUIREMENT_CODES)[number]
  | (typeof EXPOSED_CREDENTIALS_REQUIREMENT_CODES)[number]
  | (typeof MANUAL_REQUIREMENT_CODES)[number]
  | (typeof SIGNUP_VETTING_REQUIREMENT_CODES)[number];

/** Each requirement's name on the agent's checklist (its agentText gives the specifics). */
export const REQUIREMENT_LABELS: Record<RequirementCode, string> = {
  "ato.password_changed": "Password changed after the suspension",
  "ato.sessions_revoked": "Sessions from before the suspension revoked",
  "ato.two_factor_enrolled": "Two-step verification enrolled again",
  "ato.api_keys_revoked": "API keys from before the suspension revoked",
  "ato.second_person_approval": "Approved by a second person (a lead)",
  "dormancy.reactivation_request": "Reactivation request from the customer",
  "dormancy.agent_review": "Request reviewed by an agent",
  "exposed.keys_revoked": "Exposed keys revoked",
  "exposed.replacement_created": "Replacement key created",
  "exposed.customer_confirmed": "Clean-up confirmed by the customer",
  "manual.staff_decision": "Staff decision to lift, with a note",
  "signup_vetting.agent_approved": "Sign-up approved by an agent",
  "signup_vetting.appeal_granted": "Appeal granted on a ticket",
};

export function requirementLabel(requirement: RequirementResult): string {
  return (REQUIREMENT_LABELS as Record<string, string>)[requirement.code] ?? requirement.agentText;
}

/**
 * Requirements that the staff action itself fulfils: the lift's note (manual), the review decision
 * (dormancy), the lead's approval (account takeover) and the vetting decision. Unmet until that
 * action, so they never block the action that provides them.
 */
export const REQUIREMENTS_MET_BY_THE_LIFT: ReadonlySet<string> = new Set<RequirementCode>([
  "manual.staff_decision",
  "dormancy.agent_review",
  "ato.second_person_approval",
  "signup_vetting.agent_approved",
  "signup_vetting.appeal_granted",
]);

/** The unmet requirements the customer (or the facts) must still satisfy before a lift can succeed. */
export function blockingRequirements(requirements: readonly RequirementResult[]): RequirementResult[] {
  return requirements.filter((r) => !r.met && !REQUIREMENTS_MET_BY_THE_LIFT.has(r.code));
}
