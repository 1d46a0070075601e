import { BarChart, Button, Card, DataTable } from "@trustdesk/ui";
import { useId, useState } from "react";
import { formatDay, formatLongDay, formatNumber } from "../../lib/format.ts";
import type { AccountActivityDay } from "../../lib/trpc.ts";

const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * The rollup's calendar day as YYYY-MM-DD. The column is a SQL `date`; the driver may hand it over
 * as a midnight timestamp in the server's zone, so round to the nearest UTC day rather than cut.
 */
export function isoDay(day: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const d = new Date(day);
  return Number.isNaN(d.getTime()) ? day : new Date(d.getTime() + DAY_MS / 2).toISOString().slice(0, 10);
}

interface DayTotals {
  day: string;
  mailSent: number;
  apiCalls: number;
  signIns: number;
}

/** The last 90 calendar days up to today (UTC), oldest first, with no activity where the API has no row. */
export function activityWindow(activity: readonly AccountActivityDay[], today = new Date()): DayTotals[] {
  const byDay = new Map(activity.map((a) => [isoDay(a.day), a]));
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: WINDOW_DAYS }, (_, i) => {
    const day = new Date(end - (WINDOW_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    const a = byDay.get(day);
    return { day, mailSent: a?.mailSent ?? 0, apiCalls: a?.apiCalls ?? 0, signIns: a?.signIns ?? 0 };
  });
}

const SERIES = [
  { key: "mailSent", title: "Mail sent", unit: "Emails", tone: "primary" },
  { key: "apiCalls", title: "API calls", unit: "Calls", tone: "info" },
  { key: "signIns", title: "Sign-ins", unit: "Sign-ins", tone: "success" },
] as const;

function seriesSummary(days: readonly DayTotals[], key: (typeof SERIES)[number]["key"]): string {
  const total = days.reduce((sum, d) => sum + d[key], 0);
  if (total === 0) return "None in the last 90 days.";
  const peak = days.reduce((best, d) => (d[key] > best[key] ? d : best));
  const active = days.filter((d) => d[key] > 0).length;
  return `${formatNumber(total)} in total; peak ${formatNumber(peak[key])} on ${formatDay(peak.day)}; ${active} of ${WINDOW_DAYS} days.`;
}

/** Mail sent, API calls and sign-ins per day over 90 days: three charts on one time axis, and the numbers. */
export function ActivitySection({ activity }: { activity: readonly AccountActivityDay[] }) {
  const days = activityWindow(activity);
  const active = days.filter((d) => d.mailSent + d.apiCalls + d.signIns > 0);
  const last = active[active.length - 1];
  const lastEver = activity.length > 0 ? isoDay(activity[activity.length - 1]?.day ?? "") : null;
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();

  return (
    <Card
      headingLevel={3}
      title="Activity per day, last 90 days"
      description={
        last
          ? `Last activity on ${formatLongDay(last.day)}. ${active.length} of ${WINDOW_DAYS} days had activity.`
          : lastEver
            ? `No activity in the last 90 days; the last recorded activity was on ${formatLongDay(lastEver)}.`
            : "No activity recorded for this account."
      }
      actions={
        <Button
          variant="secondary"
          size="sm"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((v) => !v)}
        >
          {showTable ? "Hide the numbers" : "Show the numbers"}
        </Button>
      }
    >
      <div className="activity-charts">
        {SERIES.map((s) => (
          <BarChart
            key={s.key}
            headingLevel={4}
            title={s.title}
            tone={s.tone}
            valueAxisLabel={s.unit}
            categoryAxisLabel="Day (UTC)"
            summary={seriesSummary(days, s.key)}
            data={days.map((d) => ({ key: d.day, label: formatDay(d.day), value: d[s.key] }))}
            height={132}
          />
        ))}
      </div>
      <div id={tableId} hidden={!showTable} className="activity-table">
        {active.length > 0 ? (
          <DataTable
            caption="Days with activity in the last 90 days, oldest first; days not listed had none"
            dense
            rows={active}
            rowKey={(d) => d.day}
            columns={[
              { key: "day", header: "Day", rowHeader: true, cell: (d) => formatLongDay(d.day) },
              ...SERIES.map((series) => ({
                key: series.key,
                header: series.title,
                numeric: true,
                cell: (d: DayTotals) => formatNumber(d[series.key]),
              })),
            ]}
          />
        ) : (
          <p className="td-text-muted td-text-small">No day in the last 90 had any activity.</p>
        )}
      </div>
    </Card>
  );
}
