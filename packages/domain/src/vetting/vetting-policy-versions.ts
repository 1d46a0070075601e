import { z } from "zod";
import { evaluateSignup } from "./evaluate-signup.ts";
import { SignupSignals } from "./signup-signals.ts";
import type { VettingOutcome } from "./vetting.ts";
import type { VettingPolicy, VettingRule, VettingRuleId } from "./vetting-policy.ts";

/**
 * Versions of the vetting policy as admins manage them: a draft (one at a time) is edited, replayed
 * against recent sign-ups and published; published versions stay readable forever, because every
 * decision names the version it was made under.
 */

export const VettingPolicyState = z.enum(["draft", "published", "discarded"]);
export type VettingPolicyState = z.infer<typeof VettingPolicyState>;

export const PolicyVersionNumber = z
  .int("Choose a policy version")
  .min(1, "Choose a policy version")
  .max(1_000_000, "Choose a policy version");

const PolicyNote = z
  .string()
  .trim()
  .max(1000, "Keep the note under 1,000 characters")
  .transform((s) => (s === "" ? null : s));

export const CreatePolicyDraftInput = z.object({
  /** Why the change is being made: shown in the version list and the audit log. */
  note: PolicyNote.optional(),
});
export type CreatePolicyDraftInput = z.infer<typeof CreatePolicyDraftInput>;

/**
 * An edit of the open draft. The policy itself (`rules`, thresholds) is checked by the service
 * with `parseVettingPolicy`, which names each problem by rule (`rules.velocity_ip_24h.threshold`)
 * for the form; here only its envelope is.
 */
export const UpdatePolicyDraftInput = z.object({
  version: PolicyVersionNumber,
  /** The draft's revision the edit started from: a stale one is refused, never overwritten. */
  expectedRevision: z.int().min(0),
  rules: z.array(z.unknown(), "Rules are a list").max(50, "At most 50 rules"),
  reviewThreshold: z.unknown(),
  rejectThreshold: z.unknown(),
  note: PolicyNote.optional(),
});
export type UpdatePolicyDraftInput = z.infer<typeof UpdatePolicyDraftInput>;

export const PolicyDraftRef = z.object({
  version: PolicyVersionNumber,
  expectedRevision: z.int().min(0),
});
export type PolicyDraftRef = z.infer<typeof PolicyDraftRef>;

export const MAX_REPLAY_DAYS = 90;
const replayDaysMessage = `Replay the last 1 to ${MAX_REPLAY_DAYS} days`;

export const ReplayPolicyDraftInput = z.object({
  version: PolicyVersionNumber,
  days: z.int(replayDaysMessage).min(1, replayDaysMessage).max(MAX_REPLAY_DAYS, replayDaysMessage),
});
export type ReplayPolicyDraftInput = z.infer<typeof ReplayPolicyDraftInput>;

/** What replaying one stored decision under another policy gives. */
export type ReplayedDecision =
  | { ok: true; outcome: VettingOutcome; score: number; firedRules: VettingRuleId[] }
  | { ok: false };

/**
 * Re-scores a decision's stored signals under a policy: the same pure `evaluateSignup` the sign-up
 * runs, so the replay is what the policy *would* decide. Signals that no longer parse (a decision
 * recorded with vetting switched off, say) cannot be replayed.
 */
export function replayStoredSignals(policy: VettingPolicy, storedSignals: unknown): ReplayedDecision {
  const signals = SignupSignals.safeParse(storedSignals);
  if (!signals.success) return { ok: false };
  const e = evaluateSignup(policy, signals.data);
  return { ok: true, outcome: e.outcome, score: e.score, firedRules: e.firedRules.map((f) => f.rule) };
}

/** What each rule checks, for the people who read and tune the policy (never shown to customers). */
export const VETTING_RULE_DESCRIPTIONS: Record<VettingRuleId, string> = {
  disposable_domain: "The email address is on the list of throwaway (disposable) email services.",
  free_mail_domain:
    "The email address is at a free-mail provider (Gmail, Outlook…) rather than an own domain.",
  no_mx_or_a_record:
    "The email domain has neither an MX nor an A record, or publishes a null MX (it refuses all mail).",
  dns_unavailable:
    "The DNS lookup of the email domain failed or timed out. Always sends the sign-up to review at least.",
  velocity_ip_24h: "Other accounts were created from the same IP address in the 24 hours before.",
  velocity_domain_24h:
    "Other accounts were created with addresses at the same (non-free-mail) domain in the 24 hours before.",
  velocity_device_24h:
    "Other accounts were created from the same browser (the portal's device id) in the 24 hours before.",
  high_risk_country: "The country given at sign-up is on the policy's list.",
  random_local_part: "The part of the address before the @ is all digits or looks randomly generated.",
  name_company_website_inconsistent:
    "The person's name, the company name and the website do not fit together.",
  website_unrelated_to_email_domain: "The website's domain has nothing to do with the email's domain.",
};

/** A rule's parameters in words ("at least 3 earlier sign-ups"), or null for a rule without any. */
export function describeRuleParameters(rule: VettingRule): string | null {
  switch (rule.id) {
    case "velocity_ip_24h":
    case "velocity_domain_24h":
    case "velocity_device_24h":
      return `Fires at ${rule.threshold} or more earlier sign-up${rule.threshold === 1 ? "" : "s"}`;
    case "high_risk_country":
      return `Countries: ${rule.countries.join(", ")}`;
    case "random_local_part":
      return `Looks at addresses of ${rule.minLength} or more characters (all-digit ones always)`;
    default:
      return null;
  }
}
