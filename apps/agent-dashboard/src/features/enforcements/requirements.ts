import { toApiError } from "@trustdesk/client";
import type {
  ATO_REQUIREMENT_CODES,
  DORMANCY_REQUIREMENT_CODES,
  EXPOSED_CREDENTIALS_REQUIREMENT_CODES,
  MANUAL_REQUIREMENT_CODES,
  RequirementResult,
  SIGNUP_VETTING_REQUIREMENT_CODES,
} from "@trustdesk/domain";

type RequirementCode =
  | (typeof ATO_REQUIREMENT_CODES)[number]
  | (typeof DORMANCY_REQUIREMENT_CODES)[number]
  | (typeof EXPOSED_CREDENTIALS_REQUIREMENT_CODES)[number]
  | (typeof MANUAL_REQUIREMENT_CODES)[number]
  | (typeof SIGNUP_VETTING_REQUIREMENT_CODES)[number];

/** Each requirement's name on the agent's checklist (the domain's agentText gives the specifics). */
const REQUIREMENT_LABELS: Record<RequirementCode, string> = {
  "ato.password_changed": "Password changed after the suspension",
  "ato.sessions_revoked": "Sessions from before the suspension revoked",
  "ato.two_factor_enrolled": "Two-factor authentication enrolled again",
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
 * (dormancy), the lead's approval (account takeover) and the vetting decision. Unmet beforehand by
 * definition, so they never block the button that provides them.
 */
const DECIDED_BY_THE_ACTION: ReadonlySet<string> = new Set<RequirementCode>([
  "manual.staff_decision",
  "dormancy.agent_review",
  "ato.second_person_approval",
  "signup_vetting.agent_approved",
  "signup_vetting.appeal_granted",
]);

/** The unmet requirements the customer (or the facts) must still satisfy before a lift can succeed. */
export function blockingRequirements(requirements: readonly RequirementResult[]): RequirementResult[] {
  return requirements.filter((r) => !r.met && !DECIDED_BY_THE_ACTION.has(r.code));
}

function isRequirement(value: unknown): value is RequirementResult {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.code === "string" && typeof r.met === "boolean" && typeof r.agentText === "string";
}

/** The unmet requirements a refused lift (412 PRECONDITION_FAILED) lists in `data.details.unmet`. */
export function unmetRequirementsOf(error: unknown): RequirementResult[] {
  const unmet = toApiError(error).details?.unmet;
  return Array.isArray(unmet) ? unmet.filter(isRequirement) : [];
}
