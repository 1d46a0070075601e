import { toApiError } from "@trustdesk/client";
import type { RequirementResult } from "@trustdesk/domain";

export { blockingRequirements, requirementLabel } from "@trustdesk/domain";

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
