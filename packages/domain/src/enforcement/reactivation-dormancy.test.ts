import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StaffRole } from "../auth/roles.ts";
import type { DormantReactivationRequest } from "./dormant-reactivation-request.ts";
import { type DormancyReactivationFacts, dormancyRequirements } from "./reactivation-dormancy.ts";

const T0 = new Date("2026-03-01T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const details: DormantReactivationRequest = {
  intendedUse: "Monthly invoices and password resets for our customers",
  expectedMonthlyVolume: 5000,
  sendingDomains: ["acme.com"],
};

function done(overrides: Partial<DormancyReactivationFacts> = {}): DormancyReactivationFacts {
  return {
    enforcedAt: T0,
    request: { ticketId: "t-9", ticketNumber: 1042, submittedAt: at(60), details },
    review: { decision: "reactivate", reviewedAt: at(120), reviewer: { staffId: "a1", role: "agent" } },
    ...overrides,
  };
}

const unmet = (f: DormancyReactivationFacts) =>
  dormancyRequirements(f)
    .requirements.filter((r) => !r.met)
    .map((r) => r.code);

describe("dormancy reactivation requirements", () => {
  it("are satisfied by a customer request reviewed by an agent", () => {
    expect(dormancyRequirements(done()).satisfied).toBe(true);
    expect(dormancyRequirements(done()).requirements[0]?.agentText).toBe(
      "Request on ticket #1042 at 2026-03-01T13:00:00.000Z: 5000 emails/month from acme.com.",
    );
  });
  it("are also satisfied when the agent sends the account back through vetting, and the agent is told", () => {
    const f = done({
      review: { decision: "send_to_vetting", reviewedAt: at(120), reviewer: { staffId: "a1", role: "lead" } },
    });
    const a = dormancyRequirements(f);
    expect(a.satisfied).toBe(true);
    expect(a.requirements[1]?.agentText).toMatch(/send back through sign-up vetting/);
  });
  it("need a complete request made after the deactivation", () => {
    expect(unmet(done({ request: null }))).toEqual([
      "dormancy.reactivation_request",
      "dormancy.agent_review",
    ]);
    expect(unmet(done({ request: { ticketId: "t", submittedAt: at(-1), details } }))).toEqual([
      "dormancy.reactivation_request",
    ]);
    expect(
      unmet(
        done({
          request: { ticketId: "t", submittedAt: at(60), details: { ...details, sendingDomains: [] } },
        }),
      ),
    ).toEqual(["dormancy.reactivation_request"]);
  });
  it("need a review after the request, by staff who may lift", () => {
    expect(unmet(done({ review: null }))).toEqual(["dormancy.agent_review"]);
    expect(
      unmet(
        done({
          review: { decision: "reactivate", reviewedAt: at(30), reviewer: { staffId: "a", role: "agent" } },
        }),
      ),
    ).toEqual(["dormancy.agent_review"]);
    expect(
      unmet(
        done({
          review: {
            decision: "reactivate",
            reviewedAt: at(120),
            reviewer: { staffId: "f", role: "fraud_analyst" },
          },
        }),
      ),
    ).toEqual(["dormancy.agent_review"]);
  });
});

describe("dormancy reactivation, properties", () => {
  const instant = fc.integer({ min: -500, max: 500 }).map(at);
  const factsArb: fc.Arbitrary<DormancyReactivationFacts> = fc.record({
    enforcedAt: fc.constant(T0),
    request: fc.option(
      fc.record({ ticketId: fc.constant("t"), submittedAt: instant, details: fc.constant(details) }),
      {
        nil: null,
      },
    ),
    review: fc.option(
      fc.record({
        decision: fc.constantFrom("reactivate" as const, "send_to_vetting" as const),
        reviewedAt: instant,
        reviewer: fc.record({ staffId: fc.constant("s"), role: fc.constantFrom(...StaffRole.options) }),
      }),
      { nil: null },
    ),
  });
  it("is satisfied iff every requirement is met, iff the independent oracle says so", () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const a = dormancyRequirements(f);
        expect(a.satisfied).toBe(a.requirements.every((r) => r.met));
        const oracle =
          f.request !== null &&
          f.request.submittedAt >= f.enforcedAt &&
          f.review !== null &&
          f.review.reviewedAt >= f.request.submittedAt &&
          ["agent", "lead", "admin"].includes(f.review.reviewer.role);
        expect(a.satisfied).toBe(oracle);
      }),
    );
  });
});
