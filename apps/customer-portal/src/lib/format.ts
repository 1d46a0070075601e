const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "25 Nov 2026" in the reader's locale; the raw string if it is not a date. */
export function formatDate(iso: string): string {
  const d = parse(iso);
  return d ? dateFormat.format(d) : iso;
}

export function formatDateTime(iso: string): string {
  const d = parse(iso);
  return d ? dateTimeFormat.format(d) : iso;
}

export const PLAN_LABELS: Record<string, string> = {
  free: "Free",
  essentials: "Essentials",
  pro: "Pro",
  premier: "Premier",
};

export function planLabel(plan: string): string {
  return PLAN_LABELS[plan] ?? plan;
}
