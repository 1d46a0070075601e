import { z } from "zod";
import { DomainError } from "../errors/domain-error.ts";
import { zodFieldErrors } from "../errors/field-errors.ts";

/** The longest range the metrics page computes at once: a year, leap day included. */
export const METRICS_MAX_DAYS = 366;
/** The range the page opens with: the last 30 days, today included. */
export const METRICS_DEFAULT_DAYS = 30;
/** The years a range may touch: nothing in Trustdesk predates 2000, and a far-future year is a typo. */
export const METRICS_YEARS = { first: 2000, last: 2100 } as const;

const DAY_MS = 86_400_000;

function onCalendar(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function inYears(s: string): boolean {
  const year = Number(s.slice(0, 4));
  return year >= METRICS_YEARS.first && year <= METRICS_YEARS.last;
}

/** A calendar day (UTC) as `YYYY-MM-DD` that exists on the calendar and lies in METRICS_YEARS. */
const MetricsDay = (what: "start" | "end") =>
  z
    .string({ error: `Choose a ${what} date` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Write the ${what} date as YYYY-MM-DD`)
    .refine(onCalendar, `The ${what} date is not a day on the calendar`)
    .refine(inYears, `The ${what} date must fall between ${METRICS_YEARS.first} and ${METRICS_YEARS.last}`);

/** Both days valid: only then do the checks across them say anything useful. */
const bothValid = (r: { from: string; to: string }) =>
  onCalendar(r.from) && onCalendar(r.to) && inYears(r.from) && inYears(r.to);

/** Days are whole UTC days; `from` and `to` are both included. */
export const MetricsRange = z
  .object({ from: MetricsDay("start"), to: MetricsDay("end") })
  .refine((r) => !bothValid(r) || r.from <= r.to, {
    path: ["to"],
    message: "The end date must not be before the start date",
  })
  .refine((r) => !bothValid(r) || r.from > r.to || metricsRangeDays(r) <= METRICS_MAX_DAYS, {
    path: ["to"],
    message: `Choose at most ${METRICS_MAX_DAYS} days`,
  });
export type MetricsRange = z.infer<typeof MetricsRange>;

/** How many days the range covers, both ends included. */
export function metricsRangeDays(range: { from: string; to: string }): number {
  return (
    Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1
  );
}

/** The last `days` days up to and including `today` (UTC). */
export function lastDaysRange(today: Date, days = METRICS_DEFAULT_DAYS): MetricsRange {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return {
    from: new Date(end - (days - 1) * DAY_MS).toISOString().slice(0, 10),
    to: new Date(end).toISOString().slice(0, 10),
  };
}

/** Parses a range for a caller that did not go through a router's schema (a 400 with field messages). */
export function parseMetricsRange(input: unknown): MetricsRange {
  const parsed = MetricsRange.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = zodFieldErrors(parsed.error);
  throw new DomainError("VALIDATION", Object.values(fields).join(". "), { fields });
}

/** The accounts list beside account search: how many recently restricted accounts it shows. */
export const RECENTLY_RESTRICTED_LIMIT = 10;
