import { describe, expect, it } from "vitest";
import { ATO_REQUIREMENT_CODES } from "./reactivation-account-takeover.ts";
import { blockingRequirements, REQUIREMENT_LABELS, requirementLabel } from "./requirement-catalog.ts";
import { requirement } from "./requirement-result.ts";

describe("the requirement catalog", () => {
  it("does not let the lift's own decision block the lift", () => {
    const reqs = [
      requirement("ato.password_changed", false, "c", "a"),
      requirement("ato.second_person_approval", false, "c", "a"),
      requirement("ato.sessions_revoked", true, "c", "a"),
    ];
    expect(blockingRequirements(reqs).map((r) => r.code)).toEqual(["ato.password_changed"]);
  });
  it("names every requirement code, and falls back to the agent text for an unknown one", () => {
    for (const code of ATO_REQUIREMENT_CODES) expect(REQUIREMENT_LABELS[code]).toBeTruthy();
    expect(requirementLabel(requirement("future.code", false, "c", "the agent text"))).toBe("the agent text");
  });
});
