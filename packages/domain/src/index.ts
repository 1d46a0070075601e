export * from "./account/account.ts";
export * from "./account/account-users.ts";
export * from "./audit/actor-type.ts";
export * from "./auth/credentials.ts";
export * from "./auth/lockout.ts";
export * from "./auth/roles.ts";
export * from "./case/case.ts";
export * from "./credential/api-key.ts";
export * from "./credential/find-api-keys.ts";
export * from "./enforcement/dormant-reactivation-request.ts";
export * from "./enforcement/enforcement.ts";
export * from "./enforcement/evidence.ts";
export * from "./enforcement/lift-decision-record.ts";
export * from "./enforcement/lift-request.ts";
export * from "./enforcement/reactivation-account-takeover.ts";
export * from "./enforcement/reactivation-dormancy.ts";
export * from "./enforcement/reactivation-exposed-credentials.ts";
export * from "./enforcement/reactivation-manual.ts";
export * from "./enforcement/reactivation-requirements.ts";
export * from "./enforcement/reactivation-signup-vetting.ts";
export * from "./enforcement/requirement-catalog.ts";
export {
  assessRequirements,
  type ReactivationAssessment,
  type RequirementResult,
  type StaffRef,
} from "./enforcement/requirement-result.ts";
export * from "./errors/domain-error.ts";
export * from "./errors/field-errors.ts";
export * from "./integration/activity-event.ts";
export * from "./integration/compromise-report.ts";
export * from "./integration/service-scope.ts";
export * from "./mail/mail.ts";
export * from "./mail/mail-retry.ts";
export * from "./metrics/metrics-range.ts";
export * from "./recovery/takeover-recovery.ts";
export * from "./text/safe-text.ts";
export * from "./ticket/attachment.ts";
export * from "./ticket/macros.ts";
export * from "./ticket/merge-tickets-input.ts";
export * from "./ticket/open-ticket-input.ts";
export * from "./ticket/response-clock.ts";
export * from "./ticket/ticket.ts";
export * from "./ticket/ticket-conversation-input.ts";
export * from "./ticket/ticket-queue.ts";
export * from "./ticket/ticket-workflow.ts";
export * from "./vetting/default-vetting-policy.ts";
export * from "./vetting/domain-name.ts";
export * from "./vetting/evaluate-signup.ts";
export * from "./vetting/local-part-heuristic.ts";
export * from "./vetting/name-consistency.ts";
export * from "./vetting/signup-signals.ts";
export * from "./vetting/vetting.ts";
export * from "./vetting/vetting-decision-input.ts";
export * from "./vetting/vetting-policy.ts";
