import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain-error.ts";
import type { EnforcementEvidence } from "./evidence.ts";
import { createLiftDecisionRecord, LiftDecisionRecord } from "./lift-decision-record.ts";
import { accountTakeoverRequirements } from "./reactivation-account-takeover.ts";

const T0 = new Date("2026-03-01T12:00:00Z");
const later = new Date(T0.getTime() + 3_600_000);
const requester = { staffId: "agent-1", role: "agent" as const };
const approver = { staffId: "lead-1", role: "lead" as const };
const evidence: EnforcementEvidence = {
  reason: "account_takeover",
  reportId: "r-1",
  reporterKind: "fraud_analyst",
  signals: ["credential stuffing"],
  reportedAt: T0.toISOString(),
};
const facts = {
  enforcedAt: T0,
  passwordChangedAt: later,
  sessions: [],
  totpEnabledAt: later,
  keysAtEnforcement: [],
  requester,
  approver,
};

describe("lift decision record", () => {
  it("freezes the reason, requirement results, evidence, requester and approver", () => {
    const assessment = accountTakeoverRequirements(facts);
    const record = createLiftDecisionRecord({
      policyCode: "ato.compromise_report",
      evidence,
      assessment,
      requester,
      approver,
      decidedAt: later,
    });
    expect(record).toMatchObject({
      reason: "account_takeover",
      policyCode: "ato.compromise_report",
      requester,
      approver,
      decidedAt: later.toISOString(),
      evidence,
    });
    expect(record.requirements).toHaveLength(5);
    expect(LiftDecisionRecord.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
    // later edits of the inputs do not reach the record
    (evidence as { signals: string[] }).signals.push("tampered");
    expect(record.evidence).not.toEqual(evidence);
    (evidence as { signals: string[] }).signals.pop();
  });
  it("refuses with PRECONDITION_FAILED and the unmet requirements when not satisfied (four-eyes: same person)", () => {
    const assessment = accountTakeoverRequirements({
      ...facts,
      approver: { staffId: "agent-1", role: "lead" },
    });
    let error: unknown;
    try {
      createLiftDecisionRecord({
        policyCode: "ato",
        evidence,
        assessment,
        requester,
        approver: requester,
        decidedAt: later,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("PRECONDITION_FAILED");
    expect((error as DomainError).details).toMatchObject({
      unmet: [{ code: "ato.second_person_approval", met: false }],
    });
  });
  it("refuses a stored record whose evidence is for another reason or that has an unmet requirement", () => {
    const record = createLiftDecisionRecord({
      policyCode: "ato",
      evidence,
      assessment: accountTakeoverRequirements(facts),
      requester,
      approver,
      decidedAt: later,
    });
    expect(LiftDecisionRecord.safeParse({ ...record, reason: "dormancy" }).success).toBe(false);
    expect(
      LiftDecisionRecord.safeParse({
        ...record,
        requirements: record.requirements.map((r) => ({ ...r, met: false })),
      }).success,
    ).toBe(false);
  });
});
