import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canTransitionTicket, TICKET_TRANSITIONS, TicketStatus, ticketAgeAlarm } from "./ticket.ts";

const H = 3_600_000;

describe("ticket age against the 24–48 hour promise", () => {
  const created = new Date("2026-01-01T00:00:00Z");
  it("alarms at 24 h and 48 h without a first response, never after one", () => {
    expect(ticketAgeAlarm(created, null, new Date(created.getTime() + 23.9 * H))).toBeNull();
    expect(ticketAgeAlarm(created, null, new Date(created.getTime() + 24 * H))).toBe("24h");
    expect(ticketAgeAlarm(created, null, new Date(created.getTime() + 48 * H))).toBe("48h");
    expect(
      ticketAgeAlarm(created, new Date(created.getTime() + H), new Date(created.getTime() + 72 * H)),
    ).toBeNull();
  });
  it("never lowers the alarm as time passes", () => {
    const rank = { null: 0, "24h": 1, "48h": 2 } as const;
    fc.assert(
      fc.property(fc.nat(500 * H), fc.nat(500 * H), (a, b) => {
        const [early, late] = a < b ? [a, b] : [b, a];
        const x = ticketAgeAlarm(created, null, new Date(created.getTime() + early));
        const y = ticketAgeAlarm(created, null, new Date(created.getTime() + late));
        return rank[String(x) as keyof typeof rank] <= rank[String(y) as keyof typeof rank];
      }),
    );
  });
});

describe("ticket status machine", () => {
  it("makes closed final and lets a solved ticket reopen", () => {
    for (const to of TicketStatus.options) expect(canTransitionTicket("closed", to)).toBe(false);
    expect(canTransitionTicket("solved", "open")).toBe(true);
    expect(canTransitionTicket("new", "closed")).toBe(false);
  });
  it("has no transition to the same status", () => {
    for (const [from, tos] of Object.entries(TICKET_TRANSITIONS)) expect(tos).not.toContain(from);
  });
});
