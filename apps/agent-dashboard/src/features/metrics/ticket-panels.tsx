import { FIRST_RESPONSE_HOURS, TicketCategory } from "@trustdesk/domain";
import { SeriesChart } from "@trustdesk/ui";
import { formatDay, formatLongDay, formatNumber } from "../../lib/format.ts";
import type { TeamMetrics } from "../../lib/trpc.ts";
import { CATEGORY_LABELS } from "../queue/queue-labels.ts";
import { MetricPanel } from "./metric-panel.tsx";
import { formatHours, formatShare, toHours } from "./metrics-format.ts";
import { backlogSpec, firstResponseSpec, flowSpec, resolutionSpec } from "./panel-specs.ts";

const hoursTick = (v: number) => `${Math.round(v)} h`;

/** The ticket charts: backlog per category, opened vs resolved, first response, resolution time. */
export function TicketPanels({ data, rangeLabel }: { data: TeamMetrics; rangeLabel: string }) {
  const t = data.tickets;
  const backlog = backlogSpec(t);
  const flow = flowSpec(t);
  const fr = firstResponseSpec(t);
  const resolution = resolutionSpec(t);
  const first = t.backlog[0];
  const last = t.backlog[t.backlog.length - 1];
  const peak = t.backlog.reduce((best, d) => (d.total > (best?.total ?? -1) ? d : best), first);
  const opened = t.flow.reduce((s, d) => s + d.opened, 0);
  const resolved = t.flow.reduce((s, d) => s + d.resolved, 0);
  const total = t.firstResponse.total;

  return (
    <section className="metrics__section" aria-labelledby="metrics-tickets">
      <h2 id="metrics-tickets" className="metrics__section-title">
        Tickets
      </h2>
      <div className="metrics__grid">
        <MetricPanel
          {...backlog}
          rangeLabel={rangeLabel}
          chart={
            <SeriesChart
              title="Open tickets at the end of each day"
              kind="stacked"
              series={TicketCategory.options.map((c) => ({ key: c, label: CATEGORY_LABELS[c] }))}
              data={t.backlog.map((d) => ({ key: d.day, label: formatDay(d.day), values: d.byCategory }))}
              valueAxisLabel="Tickets"
              categoryAxisLabel="Day (UTC)"
              summary={
                first && last && peak
                  ? `${formatNumber(first.total)} open at the end of ${formatLongDay(first.day)}, ${formatNumber(last.total)} at the end of ${formatLongDay(last.day)}; the most was ${formatNumber(peak.total)} on ${formatLongDay(peak.day)}.`
                  : "No days in the range."
              }
            />
          }
          note="Open: not yet solved or closed at the end of the day (merged duplicates are left out). A ticket reopened later counts from its opening until it is solved again."
        />
        <MetricPanel
          {...flow}
          rangeLabel={rangeLabel}
          chart={
            <SeriesChart
              title="Opened and resolved per day"
              kind="lines"
              series={[
                { key: "opened", label: "Opened" },
                { key: "resolved", label: "Resolved" },
              ]}
              data={t.flow.map((d) => ({
                key: d.day,
                label: formatDay(d.day),
                values: { opened: d.opened, resolved: d.resolved },
              }))}
              valueAxisLabel="Tickets"
              categoryAxisLabel="Day (UTC)"
              summary={`${formatNumber(opened)} opened and ${formatNumber(resolved)} resolved in the range: the backlog ${opened > resolved ? "grew" : opened < resolved ? "shrank" : "held"} by ${formatNumber(Math.abs(opened - resolved))}.`}
            />
          }
          note="Resolved: solved, or closed without being solved first."
        />
        <MetricPanel
          {...fr}
          rangeLabel={rangeLabel}
          chart={
            <SeriesChart
              title="Team time to the first reply, by the day the ticket was opened"
              kind="lines"
              series={[
                { key: "median", label: "Median" },
                { key: "p90", label: "p90" },
              ]}
              referenceLines={[
                { value: FIRST_RESPONSE_HOURS.expected, label: `${FIRST_RESPONSE_HOURS.expected} h promise` },
                {
                  value: FIRST_RESPONSE_HOURS.latest,
                  label: `${FIRST_RESPONSE_HOURS.latest} h at the latest`,
                },
              ]}
              data={t.firstResponse.days.map((d) => ({
                key: d.day,
                label: formatDay(d.day),
                values: { median: toHours(d.medianMs), p90: toHours(d.p90Ms) },
              }))}
              valueAxisLabel="Hours"
              categoryAxisLabel="Day opened (UTC)"
              formatValue={hoursTick}
              summary={`Over the range: median ${formatHours(total.medianMs)}, p90 ${formatHours(total.p90Ms)} (${formatNumber(total.answered)} answered, ${formatNumber(total.waiting)} still waiting). Past 24 h: ${formatShare(total.share24h)} (${formatNumber(total.over24h)}); past 48 h: ${formatShare(total.share48h)} (${formatNumber(total.over48h)}).`}
            />
          }
          note="The queue's clock: the team's time from opening to the first public reply, paused while the ticket waits on the customer or is on hold. A share counts the tickets whose promise is settled: answered, or already past it while waiting."
        />
        <MetricPanel
          {...resolution}
          rangeLabel={rangeLabel}
          chart={
            <SeriesChart
              title="Time from opening to resolution, by the day resolved"
              kind="lines"
              series={[
                { key: "median", label: "Median" },
                { key: "p90", label: "p90" },
              ]}
              data={t.resolution.days.map((d) => ({
                key: d.day,
                label: formatDay(d.day),
                values: { median: toHours(d.medianMs), p90: toHours(d.p90Ms) },
              }))}
              valueAxisLabel="Hours"
              categoryAxisLabel="Day resolved (UTC)"
              formatValue={hoursTick}
              summary={`${formatNumber(t.resolution.total.resolved)} resolved in the range: median ${formatHours(t.resolution.total.medianMs)}, p90 ${formatHours(t.resolution.total.p90Ms)} (calendar time, waits on the customer included).`}
            />
          }
        />
      </div>
    </section>
  );
}
