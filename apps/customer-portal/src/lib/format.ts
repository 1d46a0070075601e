// Both apps show moments the same way.
export { formatDateTime } from "@trustdesk/client";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "25 Nov 2026" in the reader's locale; the raw string if it is not a date. */
export function formatDate(iso: string): string {
  const d = parse(iso);
  return d ? dateFormat.format(d) : iso;
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

/** "820 KB", "1.4 MB": a file's size as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One key per submit, for the API's replay protection (a double submit writes once). */
export function newSubmitKey(): string {
  return crypto.randomUUID();
}
