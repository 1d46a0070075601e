import { describe, expect, it } from "vitest";
import { DEFAULT_VETTING_POLICY } from "./default-vetting-policy.ts";
import { evaluateSignup } from "./evaluate-signup.ts";
import type { SignupSignals } from "./signup-signals.ts";
import { VETTING_RULE_IDS, type VettingRule } from "./vetting-policy.ts";
import {
  describeRuleParameters,
  ReplayPolicyDraftInput,
  replayStoredSignals,
  VETTING_RULE_DESCRIPTIONS,
} from "./vetting-policy-versions.ts";

const signals: SignupSignals = {
  emailDomain: "gmail.com",
  emailLocalPart: "jane.doe",
  isDisposableDomain: false,
  isFreeMailDomain: true,
  dns: { status: "ok", hasMx: true, hasA: true },
  signupsLast24h: { sameIp: 0, sameEmailDomain: 0, sameDevice: null },
  country: "GB",
  name: "Jane Doe",
  company: "Jane's Bakery",
  website: null,
};

describe("replaying stored signals", () => {
  it("scores them exactly as the engine does, under the policy given", () => {
    const heavier = {
      ...DEFAULT_VETTING_POLICY,
      version: 2,
      rules: DEFAULT_VETTING_POLICY.rules.map(
        (r): VettingRule => (r.id === "free_mail_domain" ? { ...r, weight: 40 } : r),
      ),
    };
    const e = evaluateSignup(heavier, signals);
    expect(replayStoredSignals(heavier, JSON.parse(JSON.stringify(signals)))).toEqual({
      ok: true,
      outcome: e.outcome,
      score: e.score,
      firedRules: ["free_mail_domain"],
    });
    expect(e.outcome).toBe("review");
  });

  it("refuses signals that are not a sign-up's (e.g. recorded with vetting switched off)", () => {
    expect(replayStoredSignals(DEFAULT_VETTING_POLICY, { note: "vetting disabled" })).toEqual({ ok: false });
    expect(replayStoredSignals(DEFAULT_VETTING_POLICY, {})).toEqual({ ok: false });
  });

  it("bounds the replay window to 1–90 days", () => {
    expect(ReplayPolicyDraftInput.safeParse({ version: 2, days: 90 }).success).toBe(true);
    expect(ReplayPolicyDraftInput.safeParse({ version: 2, days: 91 }).error?.issues[0]?.message).toBe(
      "Replay the last 1 to 90 days",
    );
    expect(ReplayPolicyDraftInput.safeParse({ version: 2, days: 0 }).success).toBe(false);
  });
});

describe("rules in words", () => {
  it("describes every rule, and the parameters of those that have some", () => {
    for (const id of VETTING_RULE_IDS) expect(VETTING_RULE_DESCRIPTIONS[id].length).toBeGreaterThan(20);
    const byId = new Map(DEFAULT_VETTING_POLICY.rules.map((r) => [r.id, describeRuleParameters(r)]));
    expect(byId.get("velocity_device_24h")).toBe("Fires at 2 or more earlier sign-ups");
    expect(byId.get("high_risk_country")).toBe("Countries: IR, KP, MM");
    expect(byId.get("random_local_part")).toMatch(/8 or more characters/);
    expect(byId.get("free_mail_domain")).toBeNull();
  });
});
