// Both apps show moments the same way.
export { formatDateTime } from "@trustdesk/client";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
/** Calendar days (activity rollups) are UTC dates: never shift them into the reader's zone. */
const dayFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const longDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(iso: string): string {
  const d = parse(iso);
  return d ? dateFormat.format(d) : iso;
}

export function formatTime(date: Date): string {
  return timeFormat.format(date);
}

/** "3 Jan" for an ISO calendar day (YYYY-MM-DD). */
export function formatDay(day: string): string {
  const d = parse(`${day}T00:00:00Z`);
  return d ? dayFormat.format(d) : day;
}

/** "3 Jan 2026" for an ISO calendar day (YYYY-MM-DD). */
export function formatLongDay(day: string): string {
  const d = parse(`${day}T00:00:00Z`);
  return d ? longDayFormat.format(d) : day;
}

/** "45 min", "5 h", "26 h", "3 d 4 h": hours up to three days, because the promise is 24–48 h. */
export function formatAge(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.floor(hours * 60))} min`;
  if (hours < 72) return `${Math.floor(hours)} h`;
  const days = Math.floor(hours / 24);
  const rest = Math.floor(hours - days * 24);
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

/** "3 days", "5 hours": how long ago, or how long something lasted, in one unit. */
export function formatDuration(fromIso: string, toIso: string | Date = new Date()): string {
  const from = parse(fromIso);
  const to = typeof toIso === "string" ? parse(toIso) : toIso;
  if (!from || !to) return "";
  const hours = Math.max(0, (to.getTime() - from.getTime()) / 3_600_000);
  if (hours < 1) return "less than an hour";
  if (hours < 48) return `${Math.floor(hours)} hour${Math.floor(hours) === 1 ? "" : "s"}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

export function formatNumber(value: number): string {
  return value.toLocaleString();
}
