import type { QueueTicket } from "../../lib/trpc.ts";

const ALARM_RANK = { "48h": 0, "24h": 1 } as const;

/**
 * Work order: tickets the customer escalated (a takeover in progress) first, then tickets past 48 h
 * without a first response, then past 24 h, then the other unanswered ones; answered tickets last.
 * Oldest first within each group.
 */
export function sortQueue(tickets: readonly QueueTicket[]): QueueTicket[] {
  const rank = (t: QueueTicket) =>
    t.escalatedAt ? -1 : t.ageAlarm ? ALARM_RANK[t.ageAlarm] : t.firstResponseAt ? 3 : 2;
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
