import { staffCan } from "../auth/staff-permissions.ts";
import type { VettingOutcome } from "../vetting/vetting.ts";
import {
  assessRequirements,
  at,
  type ReactivationAssessment,
  requirement,
  type StaffRef,
  staffName,
  ticketName,
} from "./requirement-result.ts";

/** The facts the service loads to decide whether a sign-up vetting restriction may be lifted. */
export interface SignupVettingReactivationFacts {
  enforcedAt: Date;
  /** The policy outcome that restricted the account. */
  enforcedOutcome: "review" | "reject";
  /** The latest staff vetting decision for the account; null while none. */
  staffDecision: {
    outcome: VettingOutcome;
    decidedAt: Date;
    decidedBy: StaffRef;
    /** The appeal ticket the decision answers; null for a decision from the review queue. */
    appealTicketId: string | null;
    /** How people name the appeal ticket (the texts never show the id). */
    appealTicketNumber?: number | null;
  } | null;
}

export const SIGNUP_VETTING_REQUIREMENT_CODES = [
  "signup_vetting.agent_approved",
  "signup_vetting.appeal_granted",
] as const;

/**
 * "review" needs an agent's approve decision from the vetting queue; "reject" needs a successful
 * appeal: an approve decision that answers the customer's appeal ticket. Either made after the
 * restriction by staff who may review sign-ups.
 */
export function signupVettingRequirements(facts: SignupVettingReactivationFacts): ReactivationAssessment {
  const d = facts.staffDecision;
  const appeal = facts.enforcedOutcome === "reject";
  const code = appeal ? "signup_vetting.appeal_granted" : "signup_vetting.agent_approved";
  const customerText = appeal
    ? "Appeal the decision by opening a ticket; our team reviews your appeal."
    : "Our team reviews your sign-up. You don't need to do anything, but you can open a ticket to tell us more.";

  let agentText: string;
  let met = false;
  if (d === null) {
    agentText = appeal ? "No appeal has been granted." : "No agent has decided on the sign-up yet.";
  } else if (d.decidedAt < facts.enforcedAt) {
    agentText = `The latest staff decision (${at(d.decidedAt)}) predates the restriction at ${at(facts.enforcedAt)}.`;
  } else if (!staffCan(d.decidedBy.role, "vetting.review")) {
    agentText = `The decision was made by a ${d.decidedBy.role.replace("_", " ")}, who may not review sign-ups.`;
  } else if (d.outcome !== "approve") {
    agentText = `${capitalise(staffName(d.decidedBy))} decided "${d.outcome}" at ${at(d.decidedAt)}; the customer may appeal through a ticket.`;
  } else if (appeal && d.appealTicketId === null) {
    agentText = "The sign-up was rejected: an approval must answer the customer's appeal ticket.";
  } else {
    met = true;
    agentText = appeal
      ? `Appeal on ${ticketName(d.appealTicketNumber)} granted by ${staffName(d.decidedBy)} at ${at(d.decidedAt)}.`
      : `Approved by ${staffName(d.decidedBy)} at ${at(d.decidedAt)}.`;
  }
  return assessRequirements([requirement(code, met, customerText, agentText)]);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
