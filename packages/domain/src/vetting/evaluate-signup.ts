import { domainsRelated } from "./domain-name.ts";
import { assessLocalPart } from "./local-part-heuristic.ts";
import { nameCompanyWebsiteInconsistency } from "./name-consistency.ts";
import type { SignupSignals } from "./signup-signals.ts";
import type { VettingOutcome } from "./vetting.ts";
import type { VettingPolicy, VettingRule, VettingRuleId } from "./vetting-policy.ts";

export interface FiredVettingRule {
  rule: VettingRuleId;
  weight: number;
  /** Agent-facing: what was seen, with the numbers and list names. Never shown to customers. */
  agentDetail: string;
}

export interface VettingEvaluation {
  outcome: VettingOutcome;
  /** Sum of the weights of the fired rules. */
  score: number;
  policyVersion: number;
  /** In policy order. Disabled rules are not evaluated and never appear. */
  firedRules: FiredVettingRule[];
  /** Customer-safe: no rule ids, weights, thresholds, scores or list names. */
  customerSummary: string;
}

/**
 * Scores a sign-up against a policy. Pure and total: whatever the signals, it returns a decision
 * (a DNS failure is a fired `dns_unavailable` rule and at least "review", never an exception).
 */
export function evaluateSignup(policy: VettingPolicy, signals: SignupSignals): VettingEvaluation {
  const firedRules: FiredVettingRule[] = [];
  for (const rule of policy.rules) {
    if (!rule.enabled) continue;
    const agentDetail = checkRule(rule, signals);
    if (agentDetail !== null) firedRules.push({ rule: rule.id, weight: rule.weight, agentDetail });
  }

  const dnsFailed = signals.dns.status !== "ok";
  // The schema refuses a disabled dns_unavailable, but a policy built in code (or an old one without
  // the rule) must still never auto-approve a domain we could not check.
  if (dnsFailed && !firedRules.some((f) => f.rule === "dns_unavailable")) {
    firedRules.push({ rule: "dns_unavailable", weight: 0, agentDetail: dnsDetail(signals) });
  }

  const score = firedRules.reduce((sum, f) => sum + f.weight, 0);
  let outcome: VettingOutcome =
    score >= policy.rejectThreshold ? "reject" : score >= policy.reviewThreshold ? "review" : "approve";
  if (dnsFailed && outcome === "approve") outcome = "review";

  return {
    outcome,
    score,
    policyVersion: policy.version,
    firedRules,
    customerSummary: customerSummary(outcome, firedRules),
  };
}

function checkRule(rule: VettingRule, s: SignupSignals): string | null {
  switch (rule.id) {
    case "disposable_domain":
      return s.isDisposableDomain ? `${s.emailDomain} is on the disposable-email domain list` : null;
    case "free_mail_domain":
      return s.isFreeMailDomain ? `${s.emailDomain} is on the free-mail provider list` : null;
    case "no_mx_or_a_record":
      if (s.dns.status !== "ok") return null;
      // RFC 7505: a null MX forbids the fallback to the A record, so an A record does not help.
      if (s.dns.nullMx) {
        return `${s.emailDomain} publishes a null MX (RFC 7505: it accepts no mail)${s.dns.hasA ? ", although it has an A record" : ""}`;
      }
      return !s.dns.hasMx && !s.dns.hasA
        ? `${s.emailDomain} has neither an MX nor an A record, so it cannot receive mail`
        : null;
    case "dns_unavailable":
      return s.dns.status !== "ok" ? dnsDetail(s) : null;
    case "velocity_ip_24h":
      return s.signupsLast24h.sameIp >= rule.threshold
        ? `${s.signupsLast24h.sameIp} earlier sign-ups from the same IP in the last 24 h (threshold ${rule.threshold})`
        : null;
    case "velocity_domain_24h":
      // Thousands of people sign up with gmail.com every day; velocity per domain only means
      // something for domains an organisation owns.
      return !s.isFreeMailDomain && s.signupsLast24h.sameEmailDomain >= rule.threshold
        ? `${s.signupsLast24h.sameEmailDomain} earlier sign-ups with ${s.emailDomain} addresses in the last 24 h (threshold ${rule.threshold})`
        : null;
    case "velocity_device_24h": {
      const n = s.signupsLast24h.sameDevice;
      return n !== null && n >= rule.threshold
        ? `${n} earlier sign-ups from the same device in the last 24 h (threshold ${rule.threshold})`
        : null;
    }
    case "high_risk_country":
      return s.country !== null && rule.countries.includes(s.country)
        ? `sign-up country ${s.country} is on the policy's high-risk country list`
        : null;
    case "random_local_part": {
      const a = assessLocalPart(s.emailLocalPart, rule.minLength);
      return a.kind === null ? null : `local part "${s.emailLocalPart}" looks ${a.kind} (${a.why})`;
    }
    case "name_company_website_inconsistent":
      return nameCompanyWebsiteInconsistency(s.name, s.company, s.website);
    case "website_unrelated_to_email_domain":
      // Someone at gmail.com with a website is normal; only an organisation's domain should match.
      return s.website !== null && !s.isFreeMailDomain && !domainsRelated(s.website, s.emailDomain)
        ? `website ${s.website} is unrelated to the email domain ${s.emailDomain}`
        : null;
  }
}

function dnsDetail(s: SignupSignals): string {
  return s.dns.status === "timeout"
    ? `DNS lookup of ${s.emailDomain} timed out; the domain could not be checked`
    : `DNS lookup of ${s.emailDomain} failed; the domain could not be checked`;
}

/** What a customer may be told about each rule: what we noticed, in their terms. */
const CUSTOMER_REASON: Record<VettingRuleId, string> = {
  disposable_domain: "the email address is from a temporary (disposable) email service",
  free_mail_domain: "the email address is from a free email provider rather than your own domain",
  no_mx_or_a_record: "the domain of the email address does not appear to receive email",
  dns_unavailable: "we could not check the domain of the email address at the time of sign-up",
  velocity_ip_24h: "there were unusually many recent sign-ups similar to yours",
  velocity_domain_24h: "there were unusually many recent sign-ups similar to yours",
  velocity_device_24h: "there were unusually many recent sign-ups similar to yours",
  high_risk_country: "the location of the sign-up needs a manual check",
  random_local_part: "the email address looks automatically generated",
  name_company_website_inconsistent: "the name, company and website you gave do not seem to match",
  website_unrelated_to_email_domain: "your website does not match the domain of your email address",
};

/** Customer-safe: what a decision's fired rules may tell the customer (also for a stored decision). */
export function customerSummary(
  outcome: VettingOutcome,
  fired: ReadonlyArray<Pick<FiredVettingRule, "rule" | "weight">>,
): string {
  if (outcome === "approve")
    return "Your sign-up passed our automatic checks and your account can send email.";
  // Monitor-only rules (weight 0) did not cause the decision, so they are not given as its reason.
  const reasons = [
    ...new Set(
      fired
        .filter((f) => (f.weight > 0 || f.rule === "dns_unavailable") && f.rule in CUSTOMER_REASON)
        .map((f) => CUSTOMER_REASON[f.rule]),
    ),
  ];
  const noticed = reasons.length > 0 ? ` What we noticed: ${reasons.join("; ")}.` : "";
  if (outcome === "review") {
    return `Our team needs to look at your sign-up before your account can send email.${noticed} You don't need to do anything; to tell us more, open a ticket.`;
  }
  return `We could not approve your sign-up.${noticed} If you think this is a mistake, open a ticket to appeal and our team will look at it.`;
}
