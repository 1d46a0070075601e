import { describe, expect, it } from "vitest";
import { manualRequirements } from "./reactivation-manual.ts";

const T0 = new Date("2026-03-01T12:00:00Z");
const later = new Date(T0.getTime() + 60_000);
const note = "Customer removed the offending campaign and confirmed new list hygiene.";

describe("manual reactivation requirements", () => {
  it("are satisfied by a staff decision with a note, after the restriction", () => {
    const a = manualRequirements({
      enforcedAt: T0,
      decision: { decidedBy: { staffId: "a1", role: "agent" }, decidedAt: later, note },
    });
    expect(a).toMatchObject({
      satisfied: true,
      requirements: [{ code: "manual.staff_decision", met: true }],
    });
    expect(a.requirements[0]?.agentText).toContain(note);
    expect(a.requirements[0]?.customerText).not.toContain(note);
  });
  it("are not satisfied without a decision, without a real note, before the restriction or by a non-lifter", () => {
    const by = { staffId: "a1", role: "agent" as const };
    expect(manualRequirements({ enforcedAt: T0, decision: null }).satisfied).toBe(false);
    expect(
      manualRequirements({ enforcedAt: T0, decision: { decidedBy: by, decidedAt: later, note: "   ok   " } })
        .satisfied,
    ).toBe(false);
    expect(
      manualRequirements({ enforcedAt: T0, decision: { decidedBy: by, decidedAt: new Date(0), note } })
        .satisfied,
    ).toBe(false);
    expect(
      manualRequirements({
        enforcedAt: T0,
        decision: { decidedBy: { staffId: "s", role: "security_analyst" }, decidedAt: later, note },
      }).satisfied,
    ).toBe(false);
  });
});
