import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StaffRole } from "../auth/roles.ts";
import {
  type AccountTakeoverReactivationFacts,
  accountTakeoverRequirements,
} from "./reactivation-account-takeover.ts";
import type { StaffRef } from "./requirement-result.ts";

const T0 = new Date("2026-03-01T12:00:00Z");
const minutesBefore = (minutes: number) => new Date(T0.getTime() - minutes * 60_000);
const minutesAfter = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const agent: StaffRef = { staffId: "staff-agent", role: "agent" };
const lead: StaffRef = { staffId: "staff-lead", role: "lead" };

function done(overrides: Partial<AccountTakeoverReactivationFacts> = {}): AccountTakeoverReactivationFacts {
  return {
    enforcedAt: T0,
    passwordChangedAt: minutesAfter(10),
    sessions: [
      { createdAt: minutesBefore(60), revokedAt: T0 },
      { createdAt: minutesAfter(5), revokedAt: null }, // the customer's own recovery session
    ],
    totpEnabledAt: minutesAfter(20),
    keysAtEnforcement: [{ id: "key-1", revokedAt: minutesAfter(30) }],
    requester: agent,
    approver: lead,
    ...overrides,
  };
}

const unmetCodes = (facts: AccountTakeoverReactivationFacts) =>
  accountTakeoverRequirements(facts)
    .requirements.filter((r) => !r.met)
    .map((r) => r.code);

describe("account-takeover reactivation requirements", () => {
  it("are satisfied when the checklist is done after the suspension and another lead approves", () => {
    const a = accountTakeoverRequirements(done());
    expect(a.satisfied).toBe(true);
    expect(a.requirements.map((r) => r.code)).toEqual([
      "ato.password_changed",
      "ato.sessions_revoked",
      "ato.two_factor_enrolled",
      "ato.api_keys_revoked",
      "ato.second_person_approval",
    ]);
  });
  it("need a password change after the suspension", () => {
    expect(unmetCodes(done({ passwordChangedAt: null }))).toEqual(["ato.password_changed"]);
    expect(unmetCodes(done({ passwordChangedAt: minutesBefore(1) }))).toEqual(["ato.password_changed"]);
    expect(unmetCodes(done({ passwordChangedAt: T0 }))).toEqual(["ato.password_changed"]);
  });
  it("need every session from before the suspension revoked, and only those", () => {
    const open = done({ sessions: [{ createdAt: minutesBefore(1), revokedAt: null }] });
    expect(unmetCodes(open)).toEqual(["ato.sessions_revoked"]);
    expect(accountTakeoverRequirements(open).requirements[1]?.agentText).toBe(
      "1 of 1 sessions opened before the suspension are still not revoked.",
    );
    expect(unmetCodes(done({ sessions: [{ createdAt: T0, revokedAt: null }] }))).toEqual([
      "ato.sessions_revoked",
    ]);
    expect(unmetCodes(done({ sessions: [] }))).toEqual([]);
  });
  it("need 2FA enrolled after the suspension (an older enrolment may be the attacker's)", () => {
    expect(unmetCodes(done({ totpEnabledAt: null }))).toEqual(["ato.two_factor_enrolled"]);
    const old = accountTakeoverRequirements(done({ totpEnabledAt: minutesBefore(600) }));
    expect(old.satisfied).toBe(false);
    expect(old.requirements[2]?.agentText).toMatch(/may be the attacker's device/);
  });
  it("need every key that existed at the suspension revoked (disabled is not enough)", () => {
    const keys = Array.from({ length: 7 }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      name: `key-${i}`,
      revokedAt: null,
    }));
    const a = accountTakeoverRequirements(done({ keysAtEnforcement: keys }));
    expect(a.requirements.filter((r) => !r.met).map((r) => r.code)).toEqual(["ato.api_keys_revoked"]);
    expect(a.requirements[3]?.agentText).toBe(
      `7 of 7 keys from before the suspension are not revoked: "key-0", "key-1", "key-2", "key-3", "key-4" and 2 more.`,
    );
    expect(unmetCodes(done({ keysAtEnforcement: [] }))).toEqual([]);
  });
  it("name people and keys in the agent's texts, never their ids", () => {
    const a = accountTakeoverRequirements(
      done({
        keysAtEnforcement: [{ id: "8c1f0a1e-1111-4222-8333-944455556666", revokedAt: null }],
        approver: { staffId: "staff-lead-id", role: "lead", name: "Grace Lead" },
      }),
    );
    const texts = a.requirements.map((r) => r.agentText).join(" ");
    expect(texts).toContain("an unnamed key");
    expect(texts).toContain("Approved by Grace Lead (lead)");
    expect(texts).not.toMatch(/8c1f0a1e|staff-lead-id/);
  });
  it("refuse four-eyes by the same person, by a non-lead, or with no approver", () => {
    const sameLead = done({ requester: lead, approver: { ...lead } });
    expect(unmetCodes(sameLead)).toEqual(["ato.second_person_approval"]);
    expect(accountTakeoverRequirements(sameLead).requirements[4]?.agentText).toMatch(
      /approver is the requester/,
    );
    expect(unmetCodes(done({ approver: { staffId: "staff-2", role: "agent" } }))).toEqual([
      "ato.second_person_approval",
    ]);
    expect(unmetCodes(done({ approver: { staffId: "staff-2", role: "admin" } }))).toEqual([
      "ato.second_person_approval",
    ]);
    expect(unmetCodes(done({ approver: null }))).toEqual(["ato.second_person_approval"]);
  });
});

const staffRef: fc.Arbitrary<StaffRef> = fc.record({
  staffId: fc.constantFrom("s1", "s2", "s3"),
  role: fc.constantFrom(...StaffRole.options),
});
const instant = fc.integer({ min: -10_000, max: 10_000 }).map((m) => new Date(T0.getTime() + m * 60_000));
const factsArb: fc.Arbitrary<AccountTakeoverReactivationFacts> = fc.record({
  enforcedAt: fc.constant(T0),
  passwordChangedAt: fc.option(instant, { nil: null }),
  sessions: fc.array(fc.record({ createdAt: instant, revokedAt: fc.option(instant, { nil: null }) }), {
    maxLength: 6,
  }),
  totpEnabledAt: fc.option(instant, { nil: null }),
  keysAtEnforcement: fc.array(fc.record({ id: fc.uuid(), revokedAt: fc.option(instant, { nil: null }) }), {
    maxLength: 6,
  }),
  requester: staffRef,
  approver: fc.option(staffRef, { nil: null }),
});

describe("account-takeover reactivation, properties", () => {
  it("is never satisfied when the approver is the requester or not a lead", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const approver = facts.approver;
        if (approver === null || approver.staffId === facts.requester.staffId || approver.role !== "lead") {
          expect(accountTakeoverRequirements(facts).satisfied).toBe(false);
        }
      }),
    );
    fc.assert(
      fc.property(factsArb, staffRef, (facts, person) => {
        expect(accountTakeoverRequirements({ ...facts, requester: person, approver: person }).satisfied).toBe(
          false,
        );
      }),
    );
  });
  it("is satisfied iff every requirement is met, iff the checklist holds (independent oracle)", () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const a = accountTakeoverRequirements(f);
        expect(a.satisfied).toBe(a.requirements.every((r) => r.met));
        const oracle =
          f.passwordChangedAt !== null &&
          f.passwordChangedAt > f.enforcedAt &&
          f.sessions.every((s) => s.createdAt > f.enforcedAt || s.revokedAt !== null) &&
          f.totpEnabledAt !== null &&
          f.totpEnabledAt > f.enforcedAt &&
          f.keysAtEnforcement.every((k) => k.revokedAt !== null) &&
          f.approver !== null &&
          f.approver.role === "lead" &&
          f.approver.staffId !== f.requester.staffId;
        expect(a.satisfied).toBe(oracle);
      }),
    );
  });
  it("tells the customer the same fixed checklist whatever the facts", () => {
    const fixed = accountTakeoverRequirements(done()).requirements.map((r) => r.customerText);
    fc.assert(
      fc.property(factsArb, (f) => {
        expect(accountTakeoverRequirements(f).requirements.map((r) => r.customerText)).toEqual(fixed);
      }),
    );
  });
});
