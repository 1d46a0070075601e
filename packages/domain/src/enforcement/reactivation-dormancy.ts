import { staffCan } from "../auth/staff-permissions.ts";
import { DormantReactivationRequest } from "./dormant-reactivation-request.ts";
import {
  assessRequirements,
  at,
  type ReactivationAssessment,
  type RequirementResult,
  requirement,
  type StaffRef,
  staffName,
  ticketName,
} from "./requirement-result.ts";

export const DormancyReviewDecision = ["reactivate", "send_to_vetting"] as const;
export type DormancyReviewDecision = (typeof DormancyReviewDecision)[number];

/** The facts the service loads to decide whether a dormancy deactivation may be lifted. */
export interface DormancyReactivationFacts {
  enforcedAt: Date;
  /** The customer's reactivation request (from the dormant-account ticket); null while none. */
  request: {
    ticketId: string;
    /** How people name the ticket (the texts never show the id). */
    ticketNumber?: number;
    submittedAt: Date;
    details: DormantReactivationRequest;
  } | null;
  /** The agent's review of that request; null while not reviewed. */
  review: { decision: DormancyReviewDecision; reviewedAt: Date; reviewer: StaffRef } | null;
}

export const DORMANCY_REQUIREMENT_CODES = ["dormancy.reactivation_request", "dormancy.agent_review"] as const;

/**
 * Both review decisions complete the review: "reactivate" lifts the deactivation, "send_to_vetting"
 * lifts it *and* runs the sign-up vetting again in the same transaction (which may restrict the
 * account with a `signup_vetting` enforcement). The service reads the decision from the facts.
 */
export function dormancyRequirements(facts: DormancyReactivationFacts): ReactivationAssessment {
  const results: RequirementResult[] = [];
  const { request, review } = facts;

  const validDetails = request !== null && DormantReactivationRequest.safeParse(request.details).success;
  const requestMet = request !== null && request.submittedAt >= facts.enforcedAt && validDetails;
  results.push(
    requirement(
      "dormancy.reactivation_request",
      requestMet,
      "Tell us in a ticket what you will send, about how many emails a month, and from which domains.",
      request === null
        ? "No reactivation request from the customer yet."
        : request.submittedAt < facts.enforcedAt
          ? `The request on ${ticketName(request.ticketNumber)} (${at(request.submittedAt)}) predates the deactivation at ${at(facts.enforcedAt)}.`
          : !validDetails
            ? `The request on ${ticketName(request.ticketNumber)} is incomplete (intended use, monthly volume or sending domains missing or invalid).`
            : `Request on ${ticketName(request.ticketNumber)} at ${at(request.submittedAt)}: ${request.details.expectedMonthlyVolume} emails/month from ${request.details.sendingDomains.join(", ")}.`,
    ),
  );

  const reviewMet =
    review !== null &&
    request !== null &&
    review.reviewedAt >= request.submittedAt &&
    staffCan(review.reviewer.role, "enforcement.lift");
  results.push(
    requirement(
      "dormancy.agent_review",
      reviewMet,
      "Our team reviews your request. We may ask you to go through the checks for new accounts again.",
      review === null
        ? "No agent has reviewed the request yet."
        : request === null || review.reviewedAt < request.submittedAt
          ? `The review at ${at(review.reviewedAt)} predates the customer's request; review the request on file.`
          : !staffCan(review.reviewer.role, "enforcement.lift")
            ? `The reviewer is a ${review.reviewer.role.replace("_", " ")}, who may not lift enforcements.`
            : review.decision === "reactivate"
              ? `Reviewed by ${staffName(review.reviewer)} at ${at(review.reviewedAt)}: reactivate.`
              : `Reviewed by ${staffName(review.reviewer)} at ${at(review.reviewedAt)}: send back through sign-up vetting.`,
    ),
  );

  return assessRequirements(results);
}
