import type { QueueTicket } from "../../lib/trpc.ts";

const ALARM_RANK = { "48h": 0, "24h": 1 } as const;

/**
 * Work order: tickets past 48 h without a first response, then past 24 h, then the other
 * unanswered ones, oldest first; answered tickets last, oldest first.
 */
export function sortQueue(tickets: readonly QueueTicket[]): QueueTicket[] {
  const rank = (t: QueueTicket) => (t.ageAlarm ? ALARM_RANK[t.ageAlarm] : t.firstResponseAt ? 3 : 2);
  return [...tickets].sort((a, b) => rank(a) - rank(b) || b.ageHours - a.ageHours);
}

export interface QueueCounts {
  total: number;
  awaitingFirstResponse: number;
  past24h: number;
  past48h: number;
}

export function countQueue(tickets: readonly QueueTicket[]): QueueCounts {
  return {
    total: tickets.length,
    awaitingFirstResponse: tickets.filter((t) => !t.firstResponseAt).length,
    past24h: tickets.filter((t) => t.ageAlarm === "24h").length,
    past48h: tickets.filter((t) => t.ageAlarm === "48h").length,
  };
}
