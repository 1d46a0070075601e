import { FIRST_RESPONSE_HOURS } from "@trustdesk/domain";
import { Badge, Meter } from "@trustdesk/ui";
import { formatAge, formatDateTime } from "../../lib/format.ts";
import type { StaffTicket } from "../../lib/trpc.ts";

const { expected, latest } = FIRST_RESPONSE_HOURS;
const HOUR = 3_600_000;

/**
 * The 24/48 h promise as the domain counts it: only the team's time, paused while the ticket waits on
 * the customer or on Fraud/Security, stopped by the first public reply. Words first; the bar repeats them.
 */
export function ResponseClockView({ clock, createdAt }: { clock: StaffTicket["clock"]; createdAt: string }) {
  const hours = clock.teamMs / HOUR;
  const tone =
    clock.state === "answered"
      ? "neutral"
      : clock.alarm === "48h"
        ? "danger"
        : clock.alarm === "24h"
          ? "warning"
          : "success";
  const state =
    clock.state === "answered" ? (
      <Badge tone="success">Answered</Badge>
    ) : clock.state === "paused" ? (
      <Badge tone="neutral">Paused</Badge>
    ) : (
      <Badge tone={clock.alarm === "48h" ? "danger" : clock.alarm === "24h" ? "warning" : "info"}>
        Running
      </Badge>
    );
  return (
    <div className="ticket-clock">
      <p className="ticket-clock__state">
        {state}
        <span className="ticket-clock__value">{formatAge(hours)}</span>
        <span className="td-text-muted td-text-small">of team time</span>
      </p>
      <Meter value={hours} max={latest} marks={[expected]} tone={tone} />
      <p className="td-text-small ticket-clock__explain">
        {clock.state === "answered"
          ? `First public reply after ${formatAge(hours)} of team time (promise: ${expected} h, at the latest ${latest} h).`
          : clock.alarm === "48h"
            ? `Over ${latest} h without a first reply: answer now.`
            : clock.alarm === "24h"
              ? `Over ${expected} h without a first reply; ${latest} h ${clock.latestBy && clock.state === "running" ? `at ${formatDateTime(clock.latestBy)}` : "is the limit"}.`
              : clock.state === "paused"
                ? `Paused while the ticket waits on the customer or on Fraud/Security; ${expected} h is ${formatAge(expected - hours)} of team time away.`
                : `Due within ${expected} h: by ${clock.expectedBy ? formatDateTime(clock.expectedBy) : "—"}, at the latest ${clock.latestBy ? formatDateTime(clock.latestBy) : "—"}.`}
      </p>
      <p className="td-text-small td-text-muted">Opened {formatDateTime(createdAt)}</p>
    </div>
  );
}
