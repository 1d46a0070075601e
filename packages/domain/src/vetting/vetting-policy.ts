import { z } from "zod";

/**
 * The sign-up vetting ("DNA") policy: versioned, weighted rules. Stored as JSON (`vetting_policies`)
 * and edited by admins, so every field is validated strictly (unknown keys refused) with a message an
 * admin can act on. Old versions stay parseable: a rule added to the code later is simply absent from
 * them, never required.
 */

export const VETTING_RULE_IDS = [
  "disposable_domain",
  "free_mail_domain",
  "no_mx_or_a_record",
  "dns_unavailable",
  "velocity_ip_24h",
  "velocity_domain_24h",
  "velocity_device_24h",
  "high_risk_country",
  "random_local_part",
  "name_company_website_inconsistent",
  "website_unrelated_to_email_domain",
] as const;
export const VettingRuleId = z.enum(VETTING_RULE_IDS);
export type VettingRuleId = z.infer<typeof VettingRuleId>;

/** Agent/admin-facing names of the rules (never shown to customers). */
export const VETTING_RULE_LABELS: Record<VettingRuleId, string> = {
  disposable_domain: "Disposable email domain",
  free_mail_domain: "Free-mail email domain",
  no_mx_or_a_record: "Email domain cannot receive mail (no MX or A record, or a null MX)",
  dns_unavailable: "DNS lookup of the email domain failed or timed out",
  velocity_ip_24h: "Many sign-ups from the same IP in 24 h",
  velocity_domain_24h: "Many sign-ups from the same email domain in 24 h",
  velocity_device_24h: "Many sign-ups from the same device in 24 h",
  high_risk_country: "Sign-up from a high-risk country",
  random_local_part: "Numeric or random-looking email local part",
  name_company_website_inconsistent: "Name, company and website do not fit together",
  website_unrelated_to_email_domain: "Website unrelated to the email domain",
};

export const MAX_RULE_WEIGHT = 1000;
export const MAX_THRESHOLD = 100_000;

const weightMessage = `Weights are whole numbers from 0 to ${MAX_RULE_WEIGHT} (0 records the rule without scoring it)`;
const RuleWeight = z.int(weightMessage).min(0, weightMessage).max(MAX_RULE_WEIGHT, weightMessage);
const RuleEnabled = z.boolean("Say whether the rule is enabled: true or false");

const thresholdMessage = "The sign-up count is a whole number from 1 to 100000";
const VelocityThreshold = z
  .int(thresholdMessage)
  .min(1, thresholdMessage)
  .max(MAX_THRESHOLD, thresholdMessage);

function simpleRule<const Id extends VettingRuleId>(id: Id) {
  return z.strictObject({ id: z.literal(id), weight: RuleWeight, enabled: RuleEnabled });
}

function velocityRule<const Id extends VettingRuleId>(id: Id) {
  return z.strictObject({
    id: z.literal(id),
    weight: RuleWeight,
    enabled: RuleEnabled,
    /** Fires when at least this many *earlier* sign-ups in the last 24 h share the attribute. */
    threshold: VelocityThreshold,
  });
}

const CountryCode = z
  .string("Countries are two-letter ISO 3166 codes in capitals, such as KP")
  .regex(/^[A-Z]{2}$/, "Countries are two-letter ISO 3166 codes in capitals, such as KP");

const localPartMessage = "The minimum length is a whole number of characters from 4 to 64";

export const VettingRule = z.discriminatedUnion(
  "id",
  [
    simpleRule("disposable_domain"),
    simpleRule("free_mail_domain"),
    simpleRule("no_mx_or_a_record"),
    simpleRule("dns_unavailable"),
    velocityRule("velocity_ip_24h"),
    velocityRule("velocity_domain_24h"),
    velocityRule("velocity_device_24h"),
    z.strictObject({
      id: z.literal("high_risk_country"),
      weight: RuleWeight,
      enabled: RuleEnabled,
      countries: z
        .array(CountryCode, "List the countries as an array of two-letter codes")
        .min(1, "List at least one country, or disable the rule")
        .max(250, "At most 250 countries")
        .refine((cs) => new Set(cs).size === cs.length, "Each country may appear only once"),
    }),
    z.strictObject({
      id: z.literal("random_local_part"),
      weight: RuleWeight,
      enabled: RuleEnabled,
      /** Local parts shorter than this are never called random (numeric ones still are). */
      minLength: z.int(localPartMessage).min(4, localPartMessage).max(64, localPartMessage),
    }),
    simpleRule("name_company_website_inconsistent"),
    simpleRule("website_unrelated_to_email_domain"),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? `Unknown rule id; use one of: ${VETTING_RULE_IDS.join(", ")}`
        : issue.code === "invalid_type"
          ? "Each rule is an object with an id, a weight and enabled"
          : undefined,
  },
);
export type VettingRule = z.infer<typeof VettingRule>;
export type VettingRuleOf<Id extends VettingRuleId> = Extract<VettingRule, { id: Id }>;

/**
 * The `rules` column on its own: each rule at most once (which also bounds the list's length);
 * `dns_unavailable` may not be disabled.
 */
export const VettingRuleList = z
  .array(VettingRule, "Rules are a list")
  .min(1, "A policy needs at least one rule")
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "id"],
          message: `Rule ${rule.id} appears more than once; keep one`,
        });
      }
      seen.add(rule.id);
      if (rule.id === "dns_unavailable" && !rule.enabled) {
        ctx.addIssue({
          code: "custom",
          path: [index, "enabled"],
          message:
            "dns_unavailable cannot be disabled: a sign-up whose email domain could not be checked always goes to review (set its weight to 0 to keep it out of the score)",
        });
      }
    });
  });

const reviewMessage = `The review threshold is a whole number from 1 to ${MAX_THRESHOLD}`;
const rejectMessage = `The reject threshold is a whole number from 1 to ${MAX_THRESHOLD}`;

export const VettingPolicy = z
  .strictObject(
    {
      version: z.int("The version is a whole number from 1").min(1, "The version is a whole number from 1"),
      rules: VettingRuleList,
      /** A score at or above this sends the sign-up to review. */
      reviewThreshold: z.int(reviewMessage).min(1, reviewMessage).max(MAX_THRESHOLD, reviewMessage),
      /** A score at or above this rejects the sign-up. Must be above the review threshold. */
      rejectThreshold: z.int(rejectMessage).min(1, rejectMessage).max(MAX_THRESHOLD, rejectMessage),
    },
    {
      error: (issue) =>
        issue.code === "invalid_type"
          ? "A policy is an object with version, rules, reviewThreshold and rejectThreshold"
          : undefined,
    },
  )
  .refine((p) => p.rejectThreshold > p.reviewThreshold, {
    path: ["rejectThreshold"],
    message: "The reject threshold must be higher than the review threshold",
  });
export type VettingPolicy = z.infer<typeof VettingPolicy>;

export interface VettingPolicyProblem {
  /** e.g. `rules.velocity_ip_24h.threshold` (the rule's id when the input has one, else its index). */
  path: string;
  message: string;
}

export type ParseVettingPolicyResult =
  | { ok: true; policy: VettingPolicy }
  | { ok: false; problems: VettingPolicyProblem[] };

/** Parses a policy (e.g. an admin's edit or a database row) into a policy or a list of problems. */
export function parseVettingPolicy(input: unknown): ParseVettingPolicyResult {
  const result = VettingPolicy.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: readablePath(input, issue.path),
      message: issue.message,
    })),
  };
}

function readablePath(input: unknown, path: readonly PropertyKey[]): string {
  const parts = path.map((segment, i) => {
    if (i === 1 && path[0] === "rules" && typeof segment === "number") {
      const rules = (input as { rules?: unknown } | null)?.rules;
      const id = Array.isArray(rules) ? (rules[segment] as { id?: unknown } | undefined)?.id : undefined;
      if (typeof id === "string" && id.length > 0 && id.length <= 64 && idIsUnique(rules as unknown[], id)) {
        return id;
      }
    }
    return String(segment);
  });
  return parts.length === 0 ? "(policy)" : parts.join(".");
}

function idIsUnique(rules: unknown[], id: string): boolean {
  return rules.filter((r) => (r as { id?: unknown } | null)?.id === id).length === 1;
}
