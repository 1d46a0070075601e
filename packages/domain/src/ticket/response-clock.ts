import { FIRST_RESPONSE_HOURS, type TicketStatus } from "./ticket.ts";

/**
 * The 24/48 h promise counts only the team's time: it starts when the ticket is opened, stops at
 * the first public reply, and pauses while the ticket waits on the customer (pending customer) or on
 * Fraud/Security (on hold). The queue, the ticket page and the portal all read it from here.
 */
export interface ResponseClockFacts {
  createdAt: Date;
  firstResponseAt: Date | null;
  /** Paused time already accumulated (milliseconds). */
  pausedMs: number;
  /** Start of the current pause, if the ticket is paused now. */
  pausedSince: Date | null;
}

export type ResponseClockState = "running" | "paused" | "answered";

export interface ResponseClock {
  state: ResponseClockState;
  /** The team's time so far (until the first response, if there was one), in milliseconds. */
  teamMs: number;
  /** "24h" once the team's time passes 24 h without an answer, "48h" past 48 h; null otherwise. */
  alarm: "24h" | "48h" | null;
  /** When 24 h and 48 h of team time will have passed, if the clock keeps running (null when answered). */
  expectedBy: Date | null;
  latestBy: Date | null;
}

const HOUR = 3_600_000;

export function responseClock(facts: ResponseClockFacts, now: Date): ResponseClock {
  const end = facts.firstResponseAt ?? now;
  const currentPause = facts.pausedSince
    ? Math.max(0, Math.min(end.getTime(), now.getTime()) - facts.pausedSince.getTime())
    : 0;
  const teamMs = Math.max(0, end.getTime() - facts.createdAt.getTime() - facts.pausedMs - currentPause);
  const state: ResponseClockState = facts.firstResponseAt
    ? "answered"
    : facts.pausedSince
      ? "paused"
      : "running";
  const alarm =
    state === "answered"
      ? null
      : teamMs >= FIRST_RESPONSE_HOURS.latest * HOUR
        ? "48h"
        : teamMs >= FIRST_RESPONSE_HOURS.expected * HOUR
          ? "24h"
          : null;
  const project = (hours: number) =>
    state === "answered" ? null : new Date(now.getTime() + Math.max(0, hours * HOUR - teamMs));
  return {
    state,
    teamMs,
    alarm,
    expectedBy: project(FIRST_RESPONSE_HOURS.expected),
    latestBy: project(FIRST_RESPONSE_HOURS.latest),
  };
}

/** The statuses in which the ticket waits on someone other than the team: the clock pauses. */
export const CLOCK_PAUSED_STATUSES: readonly TicketStatus[] = ["pending_customer", "on_hold"];

/**
 * How the stored clock changes when a ticket moves from one status to another at `now`: entering a
 * paused status starts a pause, leaving one adds it to the total.
 */
export function clockAfterTransition(
  clock: { pausedMs: number; pausedSince: Date | null },
  to: TicketStatus,
  now: Date,
): { pausedMs: number; pausedSince: Date | null } {
  const pausing = CLOCK_PAUSED_STATUSES.includes(to);
  if (pausing) return { pausedMs: clock.pausedMs, pausedSince: clock.pausedSince ?? now };
  if (!clock.pausedSince) return clock;
  return {
    pausedMs: clock.pausedMs + Math.max(0, now.getTime() - clock.pausedSince.getTime()),
    pausedSince: null,
  };
}
