import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_VETTING_POLICY } from "./default-vetting-policy.ts";
import { parseVettingPolicy, VETTING_RULE_IDS, VettingPolicy, type VettingRule } from "./vetting-policy.ts";

/** A fresh, mutable copy of the default policy as plain JSON (what an admin edit or a row looks like). */
function policyJson(): {
  version: number;
  reviewThreshold: number;
  rejectThreshold: number;
  rules: Record<string, unknown>[];
} {
  return JSON.parse(JSON.stringify(DEFAULT_VETTING_POLICY));
}

function problemsOf(input: unknown): Array<{ path: string; message: string }> {
  const result = parseVettingPolicy(input);
  if (result.ok) throw new Error("expected the policy to be refused");
  return result.problems;
}

function withRule(id: string, patch: Record<string, unknown>) {
  const p = policyJson();
  p.rules = p.rules.map((r) => (r.id === id ? { ...r, ...patch } : r));
  return p;
}

describe("the default vetting policy", () => {
  it("is version 1, valid, and has every rule exactly once, enabled", () => {
    expect(DEFAULT_VETTING_POLICY.version).toBe(1);
    expect(VettingPolicy.parse(DEFAULT_VETTING_POLICY)).toEqual(DEFAULT_VETTING_POLICY);
    expect(DEFAULT_VETTING_POLICY.rules.map((r) => r.id).sort()).toEqual([...VETTING_RULE_IDS].sort());
    expect(DEFAULT_VETTING_POLICY.rules.every((r) => r.enabled)).toBe(true);
  });
  it("survives a JSON round trip (it is stored as jsonb)", () => {
    expect(VettingPolicy.parse(policyJson())).toEqual(DEFAULT_VETTING_POLICY);
  });
  it("is frozen, so no caller can change the shipped policy in memory", () => {
    expect(Object.isFrozen(DEFAULT_VETTING_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_VETTING_POLICY.rules[0])).toBe(true);
  });
});

describe("the vetting policy schema refuses bad policies with clear messages", () => {
  it("refuses a reject threshold not above the review threshold", () => {
    const p = { ...policyJson(), reviewThreshold: 50, rejectThreshold: 50 };
    expect(problemsOf(p)).toEqual([
      { path: "rejectThreshold", message: "The reject threshold must be higher than the review threshold" },
    ]);
  });
  it("refuses non-integer, negative and oversized thresholds and versions", () => {
    expect(problemsOf({ ...policyJson(), reviewThreshold: 12.5 })[0]).toEqual({
      path: "reviewThreshold",
      message: "The review threshold is a whole number from 1 to 100000",
    });
    expect(problemsOf({ ...policyJson(), rejectThreshold: 0 })[0]?.path).toBe("rejectThreshold");
    expect(problemsOf({ ...policyJson(), version: 0 })[0]).toEqual({
      path: "version",
      message: "The version is a whole number from 1",
    });
    expect(problemsOf({ ...policyJson(), version: "1" })[0]?.path).toBe("version");
  });
  it("refuses weights that are not whole numbers from 0 to 1000, naming the rule", () => {
    for (const weight of [-1, 1001, 2.5, "10", null]) {
      expect(problemsOf(withRule("velocity_ip_24h", { weight }))).toEqual([
        {
          path: "rules.velocity_ip_24h.weight",
          message: "Weights are whole numbers from 0 to 1000 (0 records the rule without scoring it)",
        },
      ]);
    }
  });
  it("refuses an unknown rule id and lists the known ones", () => {
    const p = policyJson();
    p.rules.push({ id: "moon_phase", weight: 10, enabled: true });
    const [problem] = problemsOf(p);
    expect(problem?.path).toBe("rules.moon_phase.id");
    expect(problem?.message).toMatch(/^Unknown rule id; use one of: disposable_domain, /);
  });
  it("refuses unknown keys (a typo must not be silently dropped)", () => {
    const [problem] = problemsOf(withRule("free_mail_domain", { wieght: 3 }));
    expect(problem?.path).toBe("rules.free_mail_domain");
    expect(problem?.message).toContain("wieght");
    expect(problemsOf({ ...policyJson(), extra: true })[0]?.message).toContain("extra");
  });
  it("refuses a rule that appears twice", () => {
    const p = policyJson();
    p.rules.push({ id: "free_mail_domain", weight: 1, enabled: true });
    expect(problemsOf(p)).toContainEqual({
      path: "rules.11.id",
      message: "Rule free_mail_domain appears more than once; keep one",
    });
  });
  it("refuses to disable dns_unavailable, and says why", () => {
    const [problem] = problemsOf(withRule("dns_unavailable", { enabled: false }));
    expect(problem?.path).toBe("rules.dns_unavailable.enabled");
    expect(problem?.message).toMatch(/cannot be disabled.*always goes to review/);
  });
  it("refuses missing or invalid rule parameters", () => {
    expect(problemsOf(withRule("velocity_ip_24h", { threshold: 0 }))[0]).toEqual({
      path: "rules.velocity_ip_24h.threshold",
      message: "The sign-up count is a whole number from 1 to 100000",
    });
    const noThreshold = policyJson();
    noThreshold.rules = noThreshold.rules.map((r) =>
      r.id === "velocity_domain_24h" ? { id: r.id, weight: 1, enabled: true } : r,
    );
    expect(problemsOf(noThreshold)[0]?.path).toBe("rules.velocity_domain_24h.threshold");
    expect(problemsOf(withRule("random_local_part", { minLength: 3 }))[0]?.message).toBe(
      "The minimum length is a whole number of characters from 4 to 64",
    );
  });
  it("refuses bad country lists", () => {
    expect(problemsOf(withRule("high_risk_country", { countries: ["kp"] }))[0]).toEqual({
      path: "rules.high_risk_country.countries.0",
      message: "Countries are two-letter ISO 3166 codes in capitals, such as KP",
    });
    expect(problemsOf(withRule("high_risk_country", { countries: [] }))[0]?.message).toBe(
      "List at least one country, or disable the rule",
    );
    expect(problemsOf(withRule("high_risk_country", { countries: ["KP", "KP"] }))[0]?.message).toBe(
      "Each country may appear only once",
    );
  });
  it("refuses an empty rule list and a non-object", () => {
    expect(problemsOf({ ...policyJson(), rules: [] })[0]).toEqual({
      path: "rules",
      message: "A policy needs at least one rule",
    });
    expect(problemsOf("policy")[0]?.message).toBe(
      "A policy is an object with version, rules, reviewThreshold and rejectThreshold",
    );
    expect(problemsOf({ ...policyJson(), rules: [42] })[0]?.message).toBe(
      "Each rule is an object with an id, a weight and enabled",
    );
  });
  it("accepts a policy without some rules (old versions stay readable when rules are added)", () => {
    const p = policyJson();
    p.rules = p.rules.filter((r) => r.id !== "velocity_device_24h" && r.id !== "high_risk_country");
    expect(parseVettingPolicy(p).ok).toBe(true);
  });
});

describe("vetting policy schema, property", () => {
  const rule: fc.Arbitrary<VettingRule> = fc.oneof(
    fc.record({
      id: fc.constantFrom(
        "disposable_domain",
        "free_mail_domain",
        "no_mx_or_a_record",
        "name_company_website_inconsistent",
        "website_unrelated_to_email_domain",
      ),
      weight: fc.integer({ min: 0, max: 1000 }),
      enabled: fc.boolean(),
    }),
    fc.record({
      id: fc.constant("dns_unavailable" as const),
      weight: fc.integer({ min: 0, max: 1000 }),
      enabled: fc.constant(true),
    }),
    fc.record({
      id: fc.constantFrom("velocity_ip_24h", "velocity_domain_24h", "velocity_device_24h"),
      weight: fc.integer({ min: 0, max: 1000 }),
      enabled: fc.boolean(),
      threshold: fc.integer({ min: 1, max: 100_000 }),
    }),
  );
  it("accepts every policy with unique rules and reject > review, and refuses every one with reject ≤ review", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(rule, { minLength: 1, selector: (r) => r.id }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (rules, review, reject, version) => {
          const result = parseVettingPolicy({
            version,
            rules,
            reviewThreshold: review,
            rejectThreshold: reject,
          });
          expect(result.ok).toBe(reject > review);
        },
      ),
    );
  });
});
