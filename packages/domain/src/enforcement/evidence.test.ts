import { describe, expect, it } from "vitest";
import { EnforcementReason } from "./enforcement.ts";
import { EnforcementEvidence, ManualEnforcementInput, manualPolicyCode, parseEvidence } from "./evidence.ts";

const samples = {
  account_takeover: {
    reason: "account_takeover",
    reportId: "fraud-2026-0001",
    reporterKind: "internal_system",
    signals: ["impossible travel", "new device + password change"],
    reportedAt: "2026-03-01T12:00:00Z",
  },
  signup_vetting: {
    reason: "signup_vetting",
    vettingDecisionId: "0b9f6f0e-8f0a-4c69-9d3c-3f0e5b8f1a11",
    outcome: "review",
    score: 45,
    policyVersion: 1,
  },
  dormancy: { reason: "dormancy", lastActivityDay: "2025-09-01", plan: "free", dormancyDays: 90 },
  exposed_credentials: {
    reason: "exposed_credentials",
    keys: [
      {
        apiKeyId: "6c1f0b3e-2a8e-4f0d-9d1f-6a0e2b7c9d10",
        keyPrefix: `SG.${"a".repeat(22)}`,
        name: "Production",
      },
    ],
    source: "partner_webhook",
    location: "https://github.com/acme/app/blob/abc123/config.js",
    foundAt: "2026-03-01T12:00:00+01:00",
  },
  manual: {
    reason: "manual",
    manualReason: "spam_complaints",
    note: "Complaint rate 0.8% over the last week.",
  },
} as const;

describe("enforcement evidence", () => {
  it("has a schema for every enforcement reason, and each sample parses", () => {
    for (const reason of EnforcementReason.options) {
      expect(EnforcementEvidence.parse(samples[reason])).toEqual(samples[reason]);
    }
  });
  it("survives a JSON round trip (it is stored as jsonb)", () => {
    for (const sample of Object.values(samples)) {
      expect(EnforcementEvidence.parse(JSON.parse(JSON.stringify(sample)))).toEqual(sample);
    }
  });
  it("accepts a compromise report without signals but with a summary", () => {
    expect(
      EnforcementEvidence.safeParse({ ...samples.account_takeover, signals: [], summary: "Seen by SOC" })
        .success,
    ).toBe(true);
  });
  it("refuses unknown reasons, unknown fields and wrong shapes with readable messages", () => {
    expect(EnforcementEvidence.safeParse({ reason: "bad_vibes" }).error?.issues[0]?.message).toBe(
      "Unknown enforcement reason",
    );
    expect(EnforcementEvidence.safeParse({ ...samples.dormancy, extra: 1 }).success).toBe(false);
    expect(
      EnforcementEvidence.safeParse({ ...samples.signup_vetting, outcome: "approve" }).error?.issues[0]
        ?.message,
    ).toBe("Only a review or reject outcome restricts an account");
    expect(
      EnforcementEvidence.safeParse({ ...samples.account_takeover, reportedAt: "yesterday" }).error?.issues[0]
        ?.message,
    ).toMatch(/ISO 8601/);
    expect(
      EnforcementEvidence.safeParse({
        ...samples.exposed_credentials,
        keys: [{ ...samples.exposed_credentials.keys[0], keyPrefix: `SG.${"a".repeat(22)}.secret` }],
      }).error?.issues[0]?.message,
    ).toMatch(/Key prefixes look like SG\./);
    expect(
      EnforcementEvidence.safeParse({ ...samples.exposed_credentials, keys: [] }).error?.issues[0]?.message,
    ).toBe("Name at least one exposed key");
    expect(
      EnforcementEvidence.safeParse({ ...samples.manual, note: "bad" }).error?.issues[0]?.message,
    ).toMatch(/at least 10 characters/);
  });
  it("accepts a dormant account that never had activity", () => {
    expect(EnforcementEvidence.safeParse({ ...samples.dormancy, lastActivityDay: null }).success).toBe(true);
  });
  it("parseEvidence checks that stored evidence matches the enforcement's reason", () => {
    expect(parseEvidence("dormancy", samples.dormancy).plan).toBe("free");
    expect(() => parseEvidence("manual", samples.dormancy)).toThrow(
      /Evidence is for dormancy, expected manual/,
    );
  });
});

describe("manual enforcement input", () => {
  const accountId = "0b9f6f0e-8f0a-4c69-9d3c-3f0e5b8f1a11";
  it("takes a reason and a trimmed note", () => {
    expect(
      ManualEnforcementInput.parse({
        accountId,
        reason: "terms_violation",
        note: "  Sends lottery scams to purchased lists.  ",
      }),
    ).toEqual({
      accountId,
      reason: "terms_violation",
      note: "Sends lottery scams to purchased lists.",
    });
    expect(manualPolicyCode("terms_violation")).toBe("manual.terms_violation");
  });
  it("explains what is wrong in words a person can act on", () => {
    const issues =
      ManualEnforcementInput.safeParse({ accountId: "nope", reason: "vibes", note: "short" }).error?.issues ??
      [];
    expect(Object.fromEntries(issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      accountId: "Unknown account",
      reason: "Choose why the account is being restricted",
      note: "Write a note of at least 10 characters so the next person understands why",
    });
    expect(
      ManualEnforcementInput.safeParse({ accountId, reason: "other", note: "x".repeat(4001) }).error
        ?.issues[0]?.message,
    ).toBe("Keep the note under 4000 characters");
  });
});
