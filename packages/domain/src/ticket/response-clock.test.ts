import { describe, expect, it } from "vitest";
import { clockAfterTransition, responseClock } from "./response-clock.ts";

const H = 3_600_000;
const t0 = new Date("2026-11-01T00:00:00Z");
const at = (hours: number) => new Date(t0.getTime() + hours * H);

describe("responseClock", () => {
  it("runs from creation and alarms at 24 h and 48 h of team time", () => {
    const facts = { createdAt: t0, firstResponseAt: null, pausedMs: 0, pausedSince: null };
    expect(responseClock(facts, at(23)).alarm).toBeNull();
    expect(responseClock(facts, at(25))).toMatchObject({ state: "running", alarm: "24h" });
    expect(responseClock(facts, at(49)).alarm).toBe("48h");
    expect(responseClock(facts, at(10)).expectedBy).toEqual(at(24));
  });

  it("stops at the first public reply", () => {
    const c = responseClock(
      { createdAt: t0, firstResponseAt: at(30), pausedMs: 0, pausedSince: null },
      at(100),
    );
    expect(c).toMatchObject({ state: "answered", alarm: null, teamMs: 30 * H, expectedBy: null });
  });

  it("never counts the time the ticket waits on the customer or on hold", () => {
    // Open 10 h, pending customer for 40 h (now): 10 h of team time, no alarm.
    const paused = responseClock(
      { createdAt: t0, firstResponseAt: null, pausedMs: 0, pausedSince: at(10) },
      at(50),
    );
    expect(paused).toMatchObject({ state: "paused", teamMs: 10 * H, alarm: null });
    // After the pause ended (40 h accumulated), another 20 h: 30 h → 24 h alarm, not 48 h.
    const resumed = responseClock(
      { createdAt: t0, firstResponseAt: null, pausedMs: 40 * H, pausedSince: null },
      at(70),
    );
    expect(resumed).toMatchObject({ state: "running", teamMs: 30 * H, alarm: "24h" });
  });

  it("accumulates pauses across transitions", () => {
    let clock = { pausedMs: 0, pausedSince: null as Date | null };
    clock = clockAfterTransition(clock, "pending_customer", at(2));
    clock = clockAfterTransition(clock, "on_hold", at(5)); // still paused: the pause goes on
    expect(clock).toEqual({ pausedMs: 0, pausedSince: at(2) });
    clock = clockAfterTransition(clock, "open", at(8));
    expect(clock).toEqual({ pausedMs: 6 * H, pausedSince: null });
    clock = clockAfterTransition(clock, "open", at(9));
    expect(clock).toEqual({ pausedMs: 6 * H, pausedSince: null });
  });
});
