import { describe, expect, it } from "vitest";
import {
  DEFAULT_DORMANCY_POLICY,
  type DormancyFacts,
  DormancyPolicy,
  dormancyAction,
  idleSince,
} from "./dormancy-policy.ts";

const facts = (over: Partial<DormancyFacts> = {}): DormancyFacts => ({
  plan: "free",
  closed: false,
  restricted: false,
  lastActivityDay: "2026-01-01",
  createdDay: "2025-01-01",
  lastReactivationDay: null,
  warningsSent: [],
  ...over,
});
const p = DEFAULT_DORMANCY_POLICY;

describe("the dormancy policy", () => {
  it("accepts the defaults and refuses contradictions", () => {
    expect(DormancyPolicy.parse(p)).toEqual(p);
    const bad = DormancyPolicy.safeParse({ ...p, minimumNoticeDays: 40 });
    expect(bad.success).toBe(false);
    const short = DormancyPolicy.safeParse({ ...p, periodDays: { ...p.periodDays, free: 30 } });
    expect(short.error?.issues[0]?.message).toMatch(/free period \(30 days\) must be longer/);
    expect(DormancyPolicy.safeParse({ ...p, warningLeadDays: [7, 7] }).success).toBe(false);
  });

  it("idles from the latest of activity, creation and reactivation", () => {
    expect(idleSince(facts({ lastActivityDay: null, createdDay: "2025-03-01" }))).toBe("2025-03-01");
    expect(idleSince(facts({ lastReactivationDay: "2026-02-01" }))).toBe("2026-02-01");
    expect(idleSince(facts())).toBe("2026-01-01");
  });

  it("warns at 30, 7 and 1 day(s) before a free account's 90 days, then deactivates", () => {
    // Idle since 2026-01-01: due 2026-04-01.
    expect(dormancyAction(p, facts(), "2026-03-01")).toMatchObject({ kind: "active" });
    expect(dormancyAction(p, facts(), "2026-03-02")).toEqual({
      kind: "warn",
      idleSince: "2026-01-01",
      deactivateOn: "2026-04-01",
      leadDays: 30,
    });
    const warned30 = facts({ warningsSent: [{ leadDays: 30, sentOn: "2026-03-02" }] });
    expect(dormancyAction(p, warned30, "2026-03-20")).toMatchObject({ kind: "warned" });
    expect(dormancyAction(p, warned30, "2026-03-25")).toMatchObject({ kind: "warn", leadDays: 7 });
    const warned7 = facts({
      warningsSent: [
        { leadDays: 30, sentOn: "2026-03-02" },
        { leadDays: 7, sentOn: "2026-03-25" },
      ],
    });
    expect(dormancyAction(p, warned7, "2026-03-31")).toMatchObject({ kind: "warn", leadDays: 1 });
    expect(dormancyAction(p, warned7, "2026-04-01")).toMatchObject({
      kind: "deactivate",
      deactivateOn: "2026-04-01",
    });
  });

  it("never deactivates without a warning at least the minimum notice before", () => {
    // Long overdue and never warned (the first run): warned now, deactivated a week later.
    const overdue = facts({ lastActivityDay: "2025-01-01" });
    expect(dormancyAction(p, overdue, "2026-03-01")).toEqual({
      kind: "warn",
      idleSince: "2025-01-01",
      deactivateOn: "2026-03-08",
      leadDays: 7,
    });
    const warned = facts({
      lastActivityDay: "2025-01-01",
      warningsSent: [{ leadDays: 7, sentOn: "2026-03-01" }],
    });
    expect(dormancyAction(p, warned, "2026-03-07")).toMatchObject({ kind: "warn", leadDays: 1 });
    expect(dormancyAction(p, warned, "2026-03-08")).toMatchObject({ kind: "deactivate" });
  });

  it("gives each plan its own period; premier, closed and restricted accounts are left alone", () => {
    const old = { lastActivityDay: "2025-06-01" };
    expect(dormancyAction(p, facts({ ...old, plan: "free" }), "2026-01-01").kind).toBe("warn");
    expect(dormancyAction(p, facts({ ...old, plan: "essentials" }), "2026-01-01").kind).toBe("active");
    expect(dormancyAction(p, facts({ ...old, plan: "essentials" }), "2026-05-10").kind).toBe("warn");
    expect(dormancyAction(p, facts({ ...old, plan: "pro" }), "2026-05-10").kind).toBe("active");
    expect(dormancyAction(p, facts({ ...old, plan: "premier" }), "2030-01-01")).toEqual({
      kind: "exempt",
      why: "plan",
    });
    expect(dormancyAction(p, facts({ closed: true }), "2030-01-01")).toEqual({
      kind: "exempt",
      why: "closed",
    });
    expect(dormancyAction(p, facts({ restricted: true }), "2030-01-01")).toEqual({
      kind: "exempt",
      why: "restricted",
    });
  });
});
