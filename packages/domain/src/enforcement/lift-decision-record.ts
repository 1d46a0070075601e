import { z } from "zod";
import { StaffRole } from "../auth/roles.ts";
import { DomainError } from "../errors/domain-error.ts";
import { isoTimestamp } from "../text/safe-text.ts";
import { EnforcementReason } from "./enforcement.ts";
import { EnforcementEvidence } from "./evidence.ts";
import { unmetRequirements } from "./reactivation-requirements.ts";
import type { ReactivationAssessment, StaffRef } from "./requirement-result.ts";

export const StaffRefSchema = z.strictObject({ staffId: z.string().min(1), role: StaffRole });

/**
 * A staff member as a decision record names them: the id and role the rules judged, and the name
 * people read (records written before names were kept have none).
 */
export const NamedStaffRefSchema = StaffRefSchema.extend({ name: z.string().min(1).max(200).optional() });
export type NamedStaffRef = z.infer<typeof NamedStaffRefSchema>;

export const RequirementResultSchema = z.strictObject({
  code: z.string().min(1),
  met: z.boolean(),
  customerText: z.string(),
  agentText: z.string(),
});

/**
 * The frozen record of a lift (`enforcements.lift_decision`): what was required, what the facts
 * showed, the evidence as it stood, and who asked and who approved. Written once, never edited.
 */
export const LiftDecisionRecord = z
  .strictObject({
    reason: EnforcementReason,
    /** The enforcement's internal policy code (`enforcements.policy_code`). */
    policyCode: z.string().min(1).max(200),
    requirements: z.array(RequirementResultSchema).min(1),
    evidence: EnforcementEvidence,
    requester: NamedStaffRefSchema,
    /** Why the requester asked for the lift, in their words (internal); null when they wrote none. */
    requestNote: z.string().max(4000).nullable().default(null),
    /** The second person (ATO lifts); null for reasons that need no separate approver. */
    approver: NamedStaffRefSchema.nullable(),
    decidedAt: isoTimestamp(),
  })
  .refine((r) => r.evidence.reason === r.reason, {
    path: ["evidence", "reason"],
    message: "Evidence is for another reason",
  })
  .refine((r) => r.requirements.every((q) => q.met), {
    path: ["requirements"],
    message: "A lift is only recorded with every requirement met",
  });
export type LiftDecisionRecord = z.infer<typeof LiftDecisionRecord>;

/** Throws PRECONDITION_FAILED listing the unmet requirements (agent and customer texts). */
export function assertReactivationSatisfied(assessment: ReactivationAssessment): void {
  if (assessment.satisfied) return;
  const unmet = unmetRequirements(assessment);
  throw new DomainError(
    "PRECONDITION_FAILED",
    unmet.length > 0
      ? `The enforcement cannot be lifted yet: ${unmet.length} requirement(s) not met.`
      : "The enforcement cannot be lifted: no requirement applies.",
    { details: { unmet } },
  );
}

/**
 * Builds the frozen decision record, refusing (PRECONDITION_FAILED, with the unmet requirements) when
 * the assessment is not satisfied. Parsing copies every object, so later edits of the inputs cannot
 * reach the record.
 */
export function createLiftDecisionRecord(input: {
  policyCode: string;
  evidence: EnforcementEvidence;
  assessment: ReactivationAssessment;
  requester: StaffRef | NamedStaffRef;
  approver: StaffRef | NamedStaffRef | null;
  requestNote?: string | null;
  decidedAt: Date;
}): LiftDecisionRecord {
  assertReactivationSatisfied(input.assessment);
  return LiftDecisionRecord.parse({
    reason: input.evidence.reason,
    policyCode: input.policyCode,
    requirements: input.assessment.requirements,
    evidence: input.evidence,
    requester: input.requester,
    requestNote: input.requestNote ?? null,
    approver: input.approver,
    decidedAt: input.decidedAt.toISOString(),
  });
}
