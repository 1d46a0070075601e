import { FIRST_RESPONSE_HOURS } from "@trustdesk/domain";
import { Badge, Meter } from "@trustdesk/ui";
import { formatAge } from "../../lib/format.ts";
import type { QueueTicket } from "../../lib/trpc.ts";

const { expected, latest } = FIRST_RESPONSE_HOURS;
const HOUR = 3_600_000;

/**
 * The team's time against the 24 h / 48 h promise (the domain's `responseClock`: paused while the
 * customer or Fraud/Security owes the next step). Text first; the bar only repeats it.
 */
export function TicketAge({ ticket }: { ticket: QueueTicket }) {
  const hours = ticket.clock.teamMs / HOUR;
  const { state } = ticket.clock;
  const owed = ticket.status === "new" || ticket.status === "open";
  const tone =
    state === "answered" || !owed
      ? "neutral"
      : ticket.badges.breached
        ? "danger"
        : ticket.badges.breaching
          ? "warning"
          : "success";
  const suffix = state === "answered" ? " · answered" : state === "paused" ? " · paused" : "";
  return (
    <div className="ticket-age">
      <span className="ticket-age__value">
        {formatAge(hours)}
        <span className="td-text-muted">{suffix}</span>
      </span>
      <Meter
        value={Math.min(hours, latest)}
        max={latest}
        marks={[expected]}
        tone={tone}
        className="ticket-age__meter"
      />
    </div>
  );
}

/** Escalated, breaching (24 h of team time), breached (48 h): the same facts the views use. */
export function TicketBadges({ ticket }: { ticket: QueueTicket }) {
  return (
    <span className="queue-badges">
      {ticket.badges.escalated ? <Badge tone="accent">Escalated</Badge> : null}
      {ticket.badges.breached ? (
        <Badge tone="danger" title={`No first response after ${latest} h of team time`}>
          Breached
        </Badge>
      ) : ticket.badges.breaching ? (
        <Badge tone="warning" title={`No first response after ${expected} h of team time`}>
          Breaching
        </Badge>
      ) : null}
    </span>
  );
}
