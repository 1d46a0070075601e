import { describe, expect, it } from "vitest";
import { ATO_REQUIREMENT_CODES } from "./reactivation-account-takeover.ts";
import { DORMANCY_REQUIREMENT_CODES } from "./reactivation-dormancy.ts";
import { EXPOSED_CREDENTIALS_REQUIREMENT_CODES } from "./reactivation-exposed-credentials.ts";
import { MANUAL_REQUIREMENT_CODES } from "./reactivation-manual.ts";
import {
  assessReactivation,
  customerChecklist,
  type ReactivationFacts,
  unmetRequirements,
} from "./reactivation-requirements.ts";
import { SIGNUP_VETTING_REQUIREMENT_CODES } from "./reactivation-signup-vetting.ts";

const T0 = new Date("2026-03-01T12:00:00Z");
const later = new Date(T0.getTime() + 3_600_000);
const NOTE = "Internal: customer is a known reseller, see case TD-2026-001042.";
const STAFF = "staff-7d1c";

/** One met and one unmet fact set per reason. */
const cases: ReactivationFacts[] = [
  {
    reason: "account_takeover",
    enforcedAt: T0,
    passwordChangedAt: later,
    sessions: [{ createdAt: T0, revokedAt: T0 }],
    totpEnabledAt: later,
    keysAtEnforcement: [{ id: "k", revokedAt: T0 }],
    requester: { staffId: STAFF, role: "agent" },
    approver: { staffId: "staff-lead", role: "lead" },
  },
  {
    reason: "account_takeover",
    enforcedAt: T0,
    passwordChangedAt: null,
    sessions: [{ createdAt: T0, revokedAt: null }],
    totpEnabledAt: null,
    keysAtEnforcement: [{ id: "k", revokedAt: null }],
    requester: { staffId: STAFF, role: "lead" },
    approver: { staffId: STAFF, role: "lead" },
  },
  {
    reason: "signup_vetting",
    enforcedAt: T0,
    enforcedOutcome: "reject",
    staffDecision: {
      outcome: "approve",
      decidedAt: later,
      decidedBy: { staffId: STAFF, role: "agent" },
      appealTicketId: "t",
    },
  },
  { reason: "signup_vetting", enforcedAt: T0, enforcedOutcome: "review", staffDecision: null },
  {
    reason: "dormancy",
    enforcedAt: T0,
    request: {
      ticketId: "t",
      submittedAt: later,
      details: {
        intendedUse: "Receipts for our members, weekly",
        expectedMonthlyVolume: 100,
        sendingDomains: ["acme.com"],
      },
    },
    review: { decision: "reactivate", reviewedAt: later, reviewer: { staffId: STAFF, role: "agent" } },
  },
  { reason: "dormancy", enforcedAt: T0, request: null, review: null },
  {
    reason: "exposed_credentials",
    exposedKeys: [{ id: "k", keyPrefix: `SG.${"b".repeat(22)}`, foundAt: T0, revokedAt: T0 }],
    accountKeys: [{ id: "k2", createdAt: later, revokedAt: null }],
    customerConfirmation: { ticketId: "t", confirmedAt: later },
  },
  {
    reason: "exposed_credentials",
    exposedKeys: [{ id: "k", keyPrefix: `SG.${"b".repeat(22)}`, foundAt: T0, revokedAt: null }],
    accountKeys: [],
    customerConfirmation: null,
  },
  {
    reason: "manual",
    enforcedAt: T0,
    decision: { decidedBy: { staffId: STAFF, role: "lead" }, decidedAt: later, note: NOTE },
  },
  { reason: "manual", enforcedAt: T0, decision: null },
];

const CODES: Record<ReactivationFacts["reason"], readonly string[]> = {
  account_takeover: ATO_REQUIREMENT_CODES,
  signup_vetting: SIGNUP_VETTING_REQUIREMENT_CODES,
  dormancy: DORMANCY_REQUIREMENT_CODES,
  exposed_credentials: EXPOSED_CREDENTIALS_REQUIREMENT_CODES,
  manual: MANUAL_REQUIREMENT_CODES,
};

describe("assessReactivation", () => {
  it("dispatches on the reason: the first case of each reason is satisfied, the second is not", () => {
    expect(cases.map((c) => assessReactivation(c).satisfied)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });
  it("uses only the documented codes of each reason", () => {
    for (const c of cases) {
      for (const r of assessReactivation(c).requirements) expect(CODES[c.reason]).toContain(r.code);
    }
  });
  it("lists the unmet requirements", () => {
    const [, atoUnmet] = cases;
    expect(unmetRequirements(assessReactivation(atoUnmet as ReactivationFacts)).map((r) => r.code)).toEqual([
      ...ATO_REQUIREMENT_CODES,
    ]);
  });
  it("never tells the customer internal codes, staff ids, notes, keys, weights or list names", () => {
    for (const c of cases) {
      for (const r of assessReactivation(c).requirements) {
        expect(r.customerText).not.toContain(r.code);
        expect(r.customerText).not.toMatch(/_|\bSG\.|weight|score|\blist\b|lead|staff-/i);
        expect(r.customerText).not.toContain(STAFF);
        expect(r.customerText).not.toContain(NOTE);
        expect(r.customerText.length).toBeGreaterThan(10);
        expect(r.agentText.length).toBeGreaterThan(10);
      }
    }
  });
  it("gives the customer a checklist of safe texts with ticks", () => {
    const [ato] = cases;
    expect(customerChecklist(assessReactivation(ato as ReactivationFacts))).toEqual([
      { text: "Change your password.", done: true },
      { text: "Every session that was open before the suspension is signed out.", done: true },
      {
        text: "Set up two-step verification with your own authenticator app (a new set-up made after the suspension).",
        done: true,
      },
      {
        text: "Delete every API key that existed before the suspension, and create new keys for your applications.",
        done: true,
      },
      { text: "A second member of our team reviews and approves the reactivation.", done: true },
    ]);
  });
});
