import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_VETTING_POLICY } from "./default-vetting-policy.ts";
import { evaluateSignup } from "./evaluate-signup.ts";
import type { SignupSignals } from "./signup-signals.ts";
import { VETTING_RULE_IDS, type VettingPolicy, type VettingRuleId } from "./vetting-policy.ts";

/** A sign-up that fires nothing under the default policy. */
function clean(overrides: Partial<SignupSignals> = {}): SignupSignals {
  return {
    emailDomain: "acme.com",
    emailLocalPart: "jane.doe",
    isDisposableDomain: false,
    isFreeMailDomain: false,
    dns: { status: "ok", hasMx: true, hasA: true },
    signupsLast24h: { sameIp: 0, sameEmailDomain: 0, sameDevice: null },
    country: "DE",
    name: "Jane Doe",
    company: "Acme Widgets Ltd",
    website: "www.acme.com",
    ...overrides,
  };
}

function fired(signals: SignupSignals, policy: VettingPolicy = DEFAULT_VETTING_POLICY): VettingRuleId[] {
  return evaluateSignup(policy, signals).firedRules.map((f) => f.rule);
}

/** The default policy with one rule's weight changed. */
function weighted(id: VettingRuleId, weight: number): VettingPolicy {
  return {
    ...DEFAULT_VETTING_POLICY,
    rules: DEFAULT_VETTING_POLICY.rules.map((r) => (r.id === id ? { ...r, weight } : r)),
  };
}

describe("evaluateSignup: a clean sign-up", () => {
  it("fires nothing and is approved with score 0", () => {
    const e = evaluateSignup(DEFAULT_VETTING_POLICY, clean());
    expect(e).toMatchObject({ outcome: "approve", score: 0, firedRules: [], policyVersion: 1 });
    expect(e.customerSummary).toBe(
      "Your sign-up passed our automatic checks and your account can send email.",
    );
  });
});

describe("evaluateSignup: each rule fires and stays quiet where it should", () => {
  it("disposable_domain", () => {
    expect(fired(clean({ isDisposableDomain: true, emailDomain: "mailinator.com", website: null }))).toEqual([
      "disposable_domain",
    ]);
    expect(fired(clean())).not.toContain("disposable_domain");
  });
  it("free_mail_domain (and free mail is exempt from the website-domain rule)", () => {
    expect(fired(clean({ isFreeMailDomain: true, emailDomain: "gmail.com" }))).toEqual(["free_mail_domain"]);
    expect(fired(clean())).not.toContain("free_mail_domain");
  });
  it("no_mx_or_a_record fires only on a definitive answer with neither record", () => {
    expect(fired(clean({ dns: { status: "ok", hasMx: false, hasA: false } }))).toEqual(["no_mx_or_a_record"]);
    // RFC 5321 implicit MX: an A record alone can receive mail.
    expect(fired(clean({ dns: { status: "ok", hasMx: false, hasA: true } }))).toEqual([]);
    expect(fired(clean({ dns: { status: "ok", hasMx: true, hasA: false } }))).toEqual([]);
    expect(fired(clean({ dns: { status: "timeout", hasMx: false, hasA: false } }))).not.toContain(
      "no_mx_or_a_record",
    );
  });
  it("no_mx_or_a_record fires on a null MX (RFC 7505) even with an A record: no fallback to A", () => {
    const e = evaluateSignup(
      DEFAULT_VETTING_POLICY,
      clean({ dns: { status: "ok", hasMx: false, hasA: true, nullMx: true } }),
    );
    expect(e.firedRules.map((f) => f.rule)).toEqual(["no_mx_or_a_record"]);
    expect(e.firedRules[0]?.agentDetail).toMatch(/null MX.*accepts no mail.*A record/);
    expect(e.outcome).toBe("review");
    // A null MX on an unchecked domain is not an answer: only dns_unavailable.
    expect(fired(clean({ dns: { status: "error", hasMx: false, hasA: false, nullMx: true } }))).not.toContain(
      "no_mx_or_a_record",
    );
  });
  it("dns_unavailable fires on a timeout or an error, never on an answer", () => {
    const timeout = evaluateSignup(
      DEFAULT_VETTING_POLICY,
      clean({ dns: { status: "timeout", hasMx: false, hasA: false } }),
    );
    expect(timeout.firedRules).toEqual([
      {
        rule: "dns_unavailable",
        weight: 0,
        agentDetail: "DNS lookup of acme.com timed out; the domain could not be checked",
      },
    ]);
    expect(fired(clean({ dns: { status: "error", hasMx: false, hasA: false } }))).toEqual([
      "dns_unavailable",
    ]);
    expect(fired(clean({ dns: { status: "ok", hasMx: false, hasA: false } }))).not.toContain(
      "dns_unavailable",
    );
  });
  it("velocity_ip_24h at the threshold, not below", () => {
    expect(fired(clean({ signupsLast24h: { sameIp: 3, sameEmailDomain: 0, sameDevice: null } }))).toEqual([
      "velocity_ip_24h",
    ]);
    expect(fired(clean({ signupsLast24h: { sameIp: 2, sameEmailDomain: 0, sameDevice: null } }))).toEqual([]);
  });
  it("velocity_domain_24h at the threshold, except for free-mail domains", () => {
    expect(fired(clean({ signupsLast24h: { sameIp: 0, sameEmailDomain: 5, sameDevice: null } }))).toEqual([
      "velocity_domain_24h",
    ]);
    expect(fired(clean({ signupsLast24h: { sameIp: 0, sameEmailDomain: 4, sameDevice: null } }))).toEqual([]);
    expect(
      fired(
        clean({
          isFreeMailDomain: true,
          emailDomain: "gmail.com",
          signupsLast24h: { sameIp: 0, sameEmailDomain: 5000, sameDevice: null },
        }),
      ),
    ).toEqual(["free_mail_domain"]);
  });
  it("velocity_device_24h at the threshold, and never without a device", () => {
    expect(fired(clean({ signupsLast24h: { sameIp: 0, sameEmailDomain: 0, sameDevice: 2 } }))).toEqual([
      "velocity_device_24h",
    ]);
    expect(fired(clean({ signupsLast24h: { sameIp: 0, sameEmailDomain: 0, sameDevice: 1 } }))).toEqual([]);
    expect(fired(clean({ signupsLast24h: { sameIp: 0, sameEmailDomain: 0, sameDevice: null } }))).toEqual([]);
  });
  it("high_risk_country for listed countries only, never for an unknown country", () => {
    expect(fired(clean({ country: "KP" }))).toEqual(["high_risk_country"]);
    expect(fired(clean({ country: "FR" }))).toEqual([]);
    expect(fired(clean({ country: null }))).toEqual([]);
  });
  it("random_local_part for numeric and random-looking local parts", () => {
    for (const local of ["4155550123", "x7k2q9vb", "kqwpzmrtz", "a3f9c2e81b"]) {
      expect(fired(clean({ emailLocalPart: local })), local).toEqual(["random_local_part"]);
    }
    for (const local of ["jane.doe", "christopher", "john1985", "mschmidt", "info"]) {
      expect(fired(clean({ emailLocalPart: local })), local).toEqual([]);
    }
  });
  it("name_company_website_inconsistent", () => {
    expect(fired(clean({ website: "cheap-pills.biz", emailDomain: "cheap-pills.biz" }))).toEqual([
      "name_company_website_inconsistent",
    ]);
    expect(fired(clean({ company: "1234" }))).toEqual(["name_company_website_inconsistent"]);
    expect(fired(clean({ website: null }))).toEqual([]);
  });
  it("website_unrelated_to_email_domain, free mail exempt", () => {
    expect(fired(clean({ emailDomain: "acme-mail.net", website: "www.acmewidgets.com" }))).toEqual([
      "website_unrelated_to_email_domain",
    ]);
    expect(fired(clean({ emailDomain: "mail.acme.com", website: "acme.co.uk" }))).toEqual([]);
    expect(fired(clean({ isFreeMailDomain: true, emailDomain: "gmail.com" }))).toEqual(["free_mail_domain"]);
    expect(fired(clean({ website: null }))).toEqual([]);
  });
  it("disabled rules are not evaluated", () => {
    const policy: VettingPolicy = {
      ...DEFAULT_VETTING_POLICY,
      rules: DEFAULT_VETTING_POLICY.rules.map((r) =>
        r.id === "disposable_domain" ? { ...r, enabled: false } : r,
      ),
    };
    expect(fired(clean({ isDisposableDomain: true }), policy)).toEqual([]);
  });
});

describe("evaluateSignup: score and outcome", () => {
  it("scores the sum of the fired weights and decides by the thresholds", () => {
    expect(
      evaluateSignup(DEFAULT_VETTING_POLICY, clean({ isFreeMailDomain: true, emailDomain: "gmail.com" })),
    ).toMatchObject({
      score: 15,
      outcome: "approve",
    });
    expect(
      evaluateSignup(
        DEFAULT_VETTING_POLICY,
        clean({ isFreeMailDomain: true, emailDomain: "gmail.com", emailLocalPart: "x7k2q9vb" }),
      ),
    ).toMatchObject({ score: 40, outcome: "review" });
    expect(
      evaluateSignup(
        DEFAULT_VETTING_POLICY,
        clean({
          isDisposableDomain: true,
          emailDomain: "mailinator.com",
          website: null,
          emailLocalPart: "x7k2q9vb",
        }),
      ),
    ).toMatchObject({ score: 95, outcome: "reject" });
  });
  it("a DNS timeout forces at least review, even with weight 0 and nothing else fired", () => {
    const e = evaluateSignup(
      DEFAULT_VETTING_POLICY,
      clean({ dns: { status: "timeout", hasMx: false, hasA: false } }),
    );
    expect(e).toMatchObject({ outcome: "review", score: 0 });
    expect(e.customerSummary).toContain("we could not check the domain of the email address");
  });
  it("a DNS failure still fires (weight 0) under a policy that lacks the rule", () => {
    const policy: VettingPolicy = {
      ...DEFAULT_VETTING_POLICY,
      rules: DEFAULT_VETTING_POLICY.rules.filter((r) => r.id !== "dns_unavailable"),
    };
    const e = evaluateSignup(policy, clean({ dns: { status: "error", hasMx: false, hasA: false } }));
    expect(e.outcome).toBe("review");
    expect(e.firedRules.map((f) => [f.rule, f.weight])).toEqual([["dns_unavailable", 0]]);
  });
  it("a DNS timeout does not lower a reject", () => {
    const e = evaluateSignup(
      weighted("dns_unavailable", 50),
      clean({
        dns: { status: "timeout", hasMx: false, hasA: false },
        isDisposableDomain: true,
        website: null,
      }),
    );
    expect(e).toMatchObject({ outcome: "reject", score: 120 });
  });
});

const signalsArb: fc.Arbitrary<SignupSignals> = fc.record({
  emailDomain: fc.constantFrom("acme.com", "gmail.com", "mailinator.com", "zz-unknown.io"),
  emailLocalPart: fc.oneof(
    fc.constantFrom("jane.doe", "x7k2q9vb", "4155550123", "sales"),
    fc.stringMatching(/^[a-z0-9._-]{1,20}$/),
  ),
  isDisposableDomain: fc.boolean(),
  isFreeMailDomain: fc.boolean(),
  dns: fc.record({
    status: fc.constantFrom("ok", "timeout", "error"),
    hasMx: fc.boolean(),
    hasA: fc.boolean(),
    nullMx: fc.boolean(),
  }),
  signupsLast24h: fc.record({
    sameIp: fc.nat(20),
    sameEmailDomain: fc.nat(20),
    sameDevice: fc.option(fc.nat(20), { nil: null }),
  }),
  country: fc.option(fc.constantFrom("DE", "KP", "IR", "US", "MM", "BR"), { nil: null }),
  name: fc.oneof(fc.constantFrom("Jane Doe", "1234", "山田太郎", ""), fc.string({ maxLength: 40 })),
  company: fc.oneof(
    fc.constantFrom("Acme Widgets Ltd", "xxxx", "International Business Machines"),
    fc.string({ maxLength: 40 }),
  ),
  website: fc.option(fc.constantFrom("www.acme.com", "ibm.com", "cheap-pills.biz", "shop.example.co.uk"), {
    nil: null,
  }),
});

describe("evaluateSignup, properties", () => {
  it("score is the sum of fired weights; outcome follows the thresholds; DNS failure is never approved", () => {
    fc.assert(
      fc.property(signalsArb, (s) => {
        const e = evaluateSignup(DEFAULT_VETTING_POLICY, s);
        expect(e.score).toBe(e.firedRules.reduce((sum, f) => sum + f.weight, 0));
        const byScore =
          e.score >= DEFAULT_VETTING_POLICY.rejectThreshold
            ? "reject"
            : e.score >= DEFAULT_VETTING_POLICY.reviewThreshold
              ? "review"
              : "approve";
        const expected = s.dns.status !== "ok" && byScore === "approve" ? "review" : byScore;
        expect(e.outcome).toBe(expected);
        if (s.dns.status !== "ok") {
          expect(e.outcome).not.toBe("approve");
          expect(e.firedRules.map((f) => f.rule)).toContain("dns_unavailable");
        }
      }),
    );
  });
  it("the customer summary never names rule ids, weights, scores, thresholds or lists", () => {
    fc.assert(
      fc.property(signalsArb, (s) => {
        const e = evaluateSignup(DEFAULT_VETTING_POLICY, s);
        for (const id of VETTING_RULE_IDS) expect(e.customerSummary).not.toContain(id);
        expect(e.customerSummary).not.toMatch(/\d/);
        expect(e.customerSummary).not.toMatch(/\b(list|weight|score|threshold|policy)\b/i);
        expect(e.customerSummary).not.toMatch(/_/);
        for (const c of ["KP", "IR", "MM"]) expect(e.customerSummary).not.toContain(c);
      }),
    );
  });
  it("enabling more rules never lowers the score", () => {
    fc.assert(
      fc.property(signalsArb, fc.subarray([...VETTING_RULE_IDS]), (s, disabled) => {
        const fewer: VettingPolicy = {
          ...DEFAULT_VETTING_POLICY,
          rules: DEFAULT_VETTING_POLICY.rules.map((r) =>
            disabled.includes(r.id) && r.id !== "dns_unavailable" ? { ...r, enabled: false } : r,
          ),
        };
        expect(evaluateSignup(fewer, s).score).toBeLessThanOrEqual(
          evaluateSignup(DEFAULT_VETTING_POLICY, s).score,
        );
      }),
    );
  });
});
