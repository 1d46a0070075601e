import { formatLongDay, formatNumber } from "../../lib/format.ts";

const HOUR_MS = 3_600_000;

/**
 * One column of a chart's numbers. The table under the chart and its CSV are both made from these
 * definitions and the same rows the chart draws, so the three can never disagree.
 */
export interface MetricColumn<T> {
  key: string;
  /** The header, with its unit: "Median (hours)", "Over 24 h (%)". */
  header: string;
  kind: "day" | "text" | "count" | "hours" | "share";
  value: (row: T) => string | number | null;
}

/** How a value reads in the table: days in words, hours to one decimal, shares as percentages. */
export function displayValue(kind: MetricColumn<unknown>["kind"], value: string | number | null): string {
  if (value === null) return "—";
  if (kind === "day") return formatLongDay(String(value));
  if (typeof value === "string") return value;
  if (kind === "hours") return (value / HOUR_MS).toFixed(1);
  if (kind === "share") return `${(value * 100).toFixed(1)}`;
  return formatNumber(value);
}

/** How a value is written to CSV: ISO days, plain numbers (hours to two decimals), empty for none. */
export function csvValue(kind: MetricColumn<unknown>["kind"], value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (kind === "hours") return (value / HOUR_MS).toFixed(2);
  if (kind === "share") return (value * 100).toFixed(1);
  return String(value);
}

/** RFC 4180: quote a field that holds a comma, a quote or a line break; double its quotes. */
function csvField(text: string): string {
  // A leading =, +, - or @ would be read as a formula by a spreadsheet: neutralise it.
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv<T>(columns: ReadonlyArray<MetricColumn<T>>, rows: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(csvValue(c.kind, c.value(row)))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Saves text as a file through a temporary link (no server round trip: the numbers are on the page). */
export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const hours = (ms: number | null) => (ms === null ? null : ms / HOUR_MS);
