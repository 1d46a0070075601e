import { staffCan } from "../auth/staff-permissions.ts";
import { StaffNote } from "./evidence.ts";
import {
  assessRequirements,
  at,
  type ReactivationAssessment,
  requirement,
  type StaffRef,
  staffName,
} from "./requirement-result.ts";

/** The facts the service loads to decide whether a manual restriction may be lifted. */
export interface ManualReactivationFacts {
  enforcedAt: Date;
  /** The staff decision to lift, with its note (internal); null while none. */
  decision: { decidedBy: StaffRef; decidedAt: Date; note: string } | null;
}

export const MANUAL_REQUIREMENT_CODES = ["manual.staff_decision"] as const;

export function manualRequirements(facts: ManualReactivationFacts): ReactivationAssessment {
  const d = facts.decision;
  const customerText =
    "Our team reviews the restriction. Open a ticket if we have not asked you for anything yet.";
  let met = false;
  let agentText: string;
  if (d === null) {
    agentText = "No staff decision to lift yet.";
  } else if (d.decidedAt < facts.enforcedAt) {
    agentText = `The decision at ${at(d.decidedAt)} predates the restriction at ${at(facts.enforcedAt)}.`;
  } else if (!staffCan(d.decidedBy.role, "enforcement.lift")) {
    agentText = `A ${d.decidedBy.role.replace("_", " ")} may not lift enforcements.`;
  } else if (!StaffNote.safeParse(d.note).success) {
    agentText = "The decision needs a note explaining why the restriction is lifted.";
  } else {
    met = true;
    agentText = `Lift decided by ${staffName(d.decidedBy)} at ${at(d.decidedAt)}: ${d.note.trim()}`;
  }
  return assessRequirements([requirement("manual.staff_decision", met, customerText, agentText)]);
}
