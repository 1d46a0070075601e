import { z } from "zod";
import { AccountPlan } from "../account/account.ts";
import { ApiKeyName } from "../credential/api-key.ts";
import { isoDay, isoTimestamp, safeText } from "../text/safe-text.ts";
import { VettingOutcome } from "../vetting/vetting.ts";
import type { EnforcementReason } from "./enforcement.ts";

/**
 * Typed evidence per enforcement reason, stored as JSON (`enforcements.evidence`) and copied into the
 * frozen lift decision. Times are ISO 8601 strings (what JSON holds), not Dates.
 *
 * Audience: evidence is agent-facing. What a customer may see of it is chosen by the service (e.g.
 * the exposed key's name, prefix, location and time); notes and signals never reach a customer.
 */

const Timestamp = isoTimestamp("Use an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z");
const Id = z.uuid("Expected an id (UUID)");

export const AccountTakeoverEvidence = z.strictObject({
  reason: z.literal("account_takeover"),
  /** The compromise report's id from the reporter: the idempotency key of the report. */
  reportId: safeText({
    min: 1,
    max: 200,
    required: "Give the compromise report's id",
    tooShort: "Give the compromise report's id",
    tooLong: "Report ids are at most 200 characters",
  }),
  reporterKind: z.enum(
    ["fraud_analyst", "internal_system"],
    "The reporter is a fraud analyst or an internal system",
  ),
  /** What pointed at the takeover, in the reporter's words (agent-facing only; may be empty). */
  signals: z
    .array(
      // Multi-line: evidence is also read back from storage, where reports made before the text rule
      // may hold a line break in a signal (new reports send one line each).
      safeText({
        min: 1,
        max: 500,
        multiline: true,
        tooShort: "A signal cannot be empty",
        tooLong: "Each signal is at most 500 characters",
      }),
      "Signals are a list of short descriptions",
    )
    .max(50, "At most 50 signals"),
  /** The reporter's summary of what was seen (agent-facing only). */
  summary: safeText({
    min: 1,
    max: 2000,
    multiline: true,
    tooShort: "The summary cannot be empty",
    tooLong: "The summary is at most 2000 characters",
  }).optional(),
  reportedAt: Timestamp,
  /**
   * Who may recover the account and where the one-time code goes: the owner and the address they
   * had on file before the compromise, frozen at suspension time (absent on suspensions recorded
   * before recovery existed; the service then reads the address history).
   */
  recovery: z.strictObject({ customerUserId: Id, email: z.email() }).optional(),
});
export type AccountTakeoverEvidence = z.infer<typeof AccountTakeoverEvidence>;

export const SignupVettingEvidence = z.strictObject({
  reason: z.literal("signup_vetting"),
  vettingDecisionId: Id,
  /** Only decisions that restrict: an approved sign-up has no enforcement. */
  outcome: VettingOutcome.exclude(["approve"], "Only a review or reject outcome restricts an account"),
  score: z.int("The score is a whole number").min(0, "The score cannot be negative"),
  policyVersion: z.int("The policy version is a whole number").min(1, "Policy versions start at 1"),
});
export type SignupVettingEvidence = z.infer<typeof SignupVettingEvidence>;

export const DormancyEvidence = z.strictObject({
  reason: z.literal("dormancy"),
  /** Last day with mail sent, an API call or a sign-in; null when the account never had any. */
  lastActivityDay: isoDay().nullable(),
  plan: AccountPlan,
  /** The plan's dormancy period that was exceeded, in days. */
  dormancyDays: z.int("Dormancy periods are whole days").min(1, "Dormancy periods are at least 1 day"),
});
export type DormancyEvidence = z.infer<typeof DormancyEvidence>;

export const CredentialExposureSource = z.enum(
  ["partner_webhook", "exposure_scan", "ticket", "staff"],
  "The source is partner_webhook, exposure_scan, ticket or staff",
);
export type CredentialExposureSource = z.infer<typeof CredentialExposureSource>;

export const ExposedKeyRef = z.strictObject({
  apiKeyId: Id,
  /** `SG.` + the public 22-character key id — never any part of the secret. */
  keyPrefix: z
    .string()
    .regex(/^SG\.[A-Za-z0-9_-]{22}$/, "Key prefixes look like SG. followed by the 22-character key id"),
  /** The key's name when it was found (shown to the customer so they recognise it). */
  name: ApiKeyName,
});
export type ExposedKeyRef = z.infer<typeof ExposedKeyRef>;

export const ExposedCredentialsEvidence = z.strictObject({
  reason: z.literal("exposed_credentials"),
  keys: z.array(ExposedKeyRef).min(1, "Name at least one exposed key").max(1000, "At most 1000 keys"),
  source: CredentialExposureSource,
  /** Where the key was seen: a URL, a file path and commit, or "ticket #1234". */
  location: safeText({
    min: 1,
    max: 2000,
    required: "Say where the key was found",
    tooShort: "Say where the key was found",
    tooLong: "The location is at most 2000 characters",
  }),
  foundAt: Timestamp,
});
export type ExposedCredentialsEvidence = z.infer<typeof ExposedCredentialsEvidence>;

export const MANUAL_NOTE_MIN = 10;
export const MANUAL_NOTE_MAX = 4000;

/**
 * Staff notes are internal: they explain the decision to other staff and never reach a customer. The
 * one rule for every staff note (manual restriction, lift, vetting decision), in the API and the forms.
 */
export const StaffNote = safeText({
  min: MANUAL_NOTE_MIN,
  max: MANUAL_NOTE_MAX,
  multiline: true,
  required: "Write a note",
  tooShort: `Write a note of at least ${MANUAL_NOTE_MIN} characters so the next person understands why`,
  tooLong: `Keep the note under ${MANUAL_NOTE_MAX} characters`,
});

/**
 * Why staff restricted an account by hand. It becomes the enforcement's internal policy code
 * (`manual.<reason>`); the customer sees only the generic manual text.
 */
export const ManualEnforcementReason = z.enum(
  ["abusive_content", "spam_complaints", "terms_violation", "payment_fraud", "legal_request", "other"],
  "Choose why the account is being restricted",
);
export type ManualEnforcementReason = z.infer<typeof ManualEnforcementReason>;

export const MANUAL_ENFORCEMENT_REASON_LABELS: Record<ManualEnforcementReason, string> = {
  abusive_content: "Abusive or harmful content",
  spam_complaints: "Spam complaints",
  terms_violation: "Terms of service violation",
  payment_fraud: "Payment fraud",
  legal_request: "Legal request",
  other: "Other (explain in the note)",
};

export const ManualEvidence = z.strictObject({
  reason: z.literal("manual"),
  manualReason: ManualEnforcementReason,
  note: StaffNote,
});
export type ManualEvidence = z.infer<typeof ManualEvidence>;

export const EnforcementEvidence = z.discriminatedUnion(
  "reason",
  [
    AccountTakeoverEvidence,
    SignupVettingEvidence,
    DormancyEvidence,
    ExposedCredentialsEvidence,
    ManualEvidence,
  ],
  { error: (issue) => (issue.code === "invalid_union" ? "Unknown enforcement reason" : undefined) },
);
export type EnforcementEvidence = z.infer<typeof EnforcementEvidence>;
export type EvidenceFor<R extends EnforcementReason> = Extract<EnforcementEvidence, { reason: R }>;

/**
 * Reads stored evidence for an enforcement of a known reason; throws a ZodError when the JSON is not
 * that reason's evidence (a row whose evidence disagrees with its reason is a bug, not user input).
 */
export function parseEvidence<R extends EnforcementReason>(reason: R, json: unknown): EvidenceFor<R> {
  const evidence = EnforcementEvidence.parse(json);
  if (evidence.reason !== reason) {
    throw new z.ZodError([
      {
        code: "custom",
        path: ["reason"],
        message: `Evidence is for ${evidence.reason}, expected ${reason}`,
        input: json,
      },
    ]);
  }
  return evidence as EvidenceFor<R>;
}

/** What staff submit to restrict an account by hand. */
export const ManualEnforcementInput = z.strictObject({
  accountId: z.uuid("Unknown account"),
  reason: ManualEnforcementReason,
  note: StaffNote,
});
export type ManualEnforcementInput = z.infer<typeof ManualEnforcementInput>;

/** The internal policy code stored with a manual enforcement (`enforcements.policy_code`). */
export function manualPolicyCode(reason: ManualEnforcementReason): `manual.${ManualEnforcementReason}` {
  return `manual.${reason}`;
}
