const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}

export function formatTime(date: Date): string {
  return timeFormat.format(date);
}

/** "45 min", "5 h", "26 h", "3 d 4 h": hours up to three days, because the promise is 24–48 h. */
export function formatAge(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.floor(hours * 60))} min`;
  if (hours < 72) return `${Math.floor(hours)} h`;
  const days = Math.floor(hours / 24);
  const rest = Math.floor(hours - days * 24);
  return rest ? `${days} d ${rest} h` : `${days} d`;
}
