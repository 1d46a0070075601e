import { type MetricsRange, parseMetricsRange } from "@trustdesk/domain";

const DAY_MS = 86_400_000;

/**
 * The instants a range covers: whole UTC days from `from` to `to` (both included), cut at today so
 * that a future day never shows today's backlog as if it were known. `now` is the clock of the
 * tickets still waiting for their first answer.
 */
export interface MetricsWindow {
  range: MetricsRange;
  /** First day of the series (YYYY-MM-DD). */
  firstDay: string;
  /** Last day of the series: `to`, or today (UTC) when `to` is later. */
  lastDay: string;
  /** Start of the first day. */
  start: Date;
  /** End of the last day (exclusive), never after the end of today. */
  end: Date;
  now: Date;
}

export function metricsWindow(input: unknown, now: Date): MetricsWindow {
  const range = parseMetricsRange(input);
  const today = now.toISOString().slice(0, 10);
  const lastDay = earlierDay(range.to, today);
  const firstDay = earlierDay(range.from, lastDay);
  return {
    range,
    firstDay,
    lastDay,
    start: new Date(`${firstDay}T00:00:00Z`),
    end: new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS),
    now,
  };
}

/** ISO days compare as strings (Math.min would turn them into NaN). */
function earlierDay(a: string, b: string): string {
  return a.localeCompare(b) <= 0 ? a : b;
}

/** Rows of `count(*)`, `percentile_cont` … arrive as strings or null; the metrics speak numbers. */
export function num(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A duration or percentile; milliseconds are whole (percentile_cont interpolates in floating point). */
export function numOrNull(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value));
}

/** A share (0–1) of `part` in `whole`, null when there is nothing to share. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
