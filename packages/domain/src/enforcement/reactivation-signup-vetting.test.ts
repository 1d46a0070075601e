import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StaffRole } from "../auth/roles.ts";
import { VettingOutcome } from "../vetting/vetting.ts";
import {
  type SignupVettingReactivationFacts,
  signupVettingRequirements,
} from "./reactivation-signup-vetting.ts";

const T0 = new Date("2026-03-01T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const agent = { staffId: "a1", role: "agent" as const };

describe("sign-up vetting reactivation requirements", () => {
  it("review: an agent's approve decision lifts it", () => {
    const a = signupVettingRequirements({
      enforcedAt: T0,
      enforcedOutcome: "review",
      staffDecision: { outcome: "approve", decidedAt: at(5), decidedBy: agent, appealTicketId: null },
    });
    expect(a).toMatchObject({
      satisfied: true,
      requirements: [{ code: "signup_vetting.agent_approved", met: true }],
    });
  });
  it("review: no decision, a reject, an old decision or a non-reviewer does not", () => {
    const base: SignupVettingReactivationFacts = {
      enforcedAt: T0,
      enforcedOutcome: "review",
      staffDecision: null,
    };
    expect(signupVettingRequirements(base).satisfied).toBe(false);
    for (const staffDecision of [
      { outcome: "reject" as const, decidedAt: at(5), decidedBy: agent, appealTicketId: null },
      { outcome: "approve" as const, decidedAt: at(-5), decidedBy: agent, appealTicketId: null },
      {
        outcome: "approve" as const,
        decidedAt: at(5),
        decidedBy: { staffId: "f", role: "fraud_analyst" as const },
        appealTicketId: null,
      },
    ]) {
      expect(signupVettingRequirements({ ...base, staffDecision }).satisfied).toBe(false);
    }
  });
  it("reject: only an approval answering the appeal ticket lifts it", () => {
    const base: SignupVettingReactivationFacts = {
      enforcedAt: T0,
      enforcedOutcome: "reject",
      staffDecision: null,
    };
    const granted = signupVettingRequirements({
      ...base,
      staffDecision: { outcome: "approve", decidedAt: at(5), decidedBy: agent, appealTicketId: "t-7" },
    });
    expect(granted).toMatchObject({
      satisfied: true,
      requirements: [{ code: "signup_vetting.appeal_granted" }],
    });
    const noAppeal = signupVettingRequirements({
      ...base,
      staffDecision: { outcome: "approve", decidedAt: at(5), decidedBy: agent, appealTicketId: null },
    });
    expect(noAppeal.satisfied).toBe(false);
    expect(noAppeal.requirements[0]?.agentText).toMatch(/appeal ticket/);
    expect(signupVettingRequirements(base).requirements[0]?.customerText).toMatch(
      /Appeal the decision by opening a ticket/,
    );
  });
  it("is satisfied iff the independent oracle says so (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("review" as const, "reject" as const),
        fc.option(
          fc.record({
            outcome: fc.constantFrom(...VettingOutcome.options),
            decidedAt: fc.integer({ min: -100, max: 100 }).map(at),
            decidedBy: fc.record({ staffId: fc.constant("s"), role: fc.constantFrom(...StaffRole.options) }),
            appealTicketId: fc.option(fc.constant("t"), { nil: null }),
          }),
          { nil: null },
        ),
        (enforcedOutcome, staffDecision) => {
          const a = signupVettingRequirements({ enforcedAt: T0, enforcedOutcome, staffDecision });
          const d = staffDecision;
          const oracle =
            d !== null &&
            d.outcome === "approve" &&
            d.decidedAt >= T0 &&
            ["agent", "lead", "admin"].includes(d.decidedBy.role) &&
            (enforcedOutcome === "review" || d.appealTicketId !== null);
          expect(a.satisfied).toBe(oracle);
          expect(a.satisfied).toBe(a.requirements.every((r) => r.met));
        },
      ),
    );
  });
});
