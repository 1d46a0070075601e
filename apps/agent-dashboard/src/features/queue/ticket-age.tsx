import { FIRST_RESPONSE_HOURS } from "@trustdesk/domain";
import { Badge, Meter } from "@trustdesk/ui";
import { formatAge } from "../../lib/format.ts";
import type { QueueTicket } from "../../lib/trpc.ts";

const { expected, latest } = FIRST_RESPONSE_HOURS;

/** The ticket's age against the 24 h / 48 h promise: text first, the bar only repeats it. */
export function TicketAge({ ticket }: { ticket: QueueTicket }) {
  const tone = ticket.firstResponseAt
    ? "neutral"
    : ticket.ageAlarm === "48h"
      ? "danger"
      : ticket.ageAlarm === "24h"
        ? "warning"
        : "success";
  return (
    <div className="ticket-age">
      <span className="ticket-age__value">{formatAge(ticket.ageHours)}</span>
      <Meter
        value={ticket.ageHours}
        max={latest}
        marks={[expected]}
        tone={tone}
        className="ticket-age__meter"
      />
    </div>
  );
}

/** Whether the first response is done, due, or late against 24 h / 48 h. */
export function FirstResponseBadge({ ticket }: { ticket: QueueTicket }) {
  if (ticket.firstResponseAt) return <Badge tone="success">Answered</Badge>;
  if (ticket.ageAlarm === "48h") return <Badge tone="danger">Over {latest} h</Badge>;
  if (ticket.ageAlarm === "24h") return <Badge tone="warning">Over {expected} h</Badge>;
  const left = Math.max(0, expected - ticket.ageHours);
  return <Badge tone="neutral">{left < 1 ? "Due within the hour" : `Due in ${Math.floor(left)} h`}</Badge>;
}
