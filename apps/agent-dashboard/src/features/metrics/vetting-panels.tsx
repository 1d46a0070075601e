import { SeriesChart } from "@trustdesk/ui";
import { formatDay, formatNumber } from "../../lib/format.ts";
import type { TeamMetrics } from "../../lib/trpc.ts";
import { MetricPanel } from "./metric-panel.tsx";
import { overturnedSpec, vettingSpec } from "./panel-specs.ts";

/** Sign-up vetting: the policy's outcomes per day, and what agents made of its reviews and rejections. */
export function VettingPanels({ data, rangeLabel }: { data: TeamMetrics; rangeLabel: string }) {
  const v = data.vetting;
  const outcomes = vettingSpec(v);
  const overturned = overturnedSpec(v);
  const sum = (k: "approve" | "review" | "reject") => v.days.reduce((s, d) => s + d[k], 0);
  const all = sum("approve") + sum("review") + sum("reject");

  return (
    <section className="metrics__section" aria-labelledby="metrics-vetting">
      <h2 id="metrics-vetting" className="metrics__section-title">
        Sign-up vetting
      </h2>
      <div className="metrics__grid">
        <MetricPanel
          {...outcomes}
          rangeLabel={rangeLabel}
          chart={
            <SeriesChart
              title="The policy's decisions per day"
              kind="stacked"
              series={[
                { key: "approve", label: "Approved" },
                { key: "review", label: "Sent to review" },
                { key: "reject", label: "Rejected" },
              ]}
              data={v.days.map((d) => ({
                key: d.day,
                label: formatDay(d.day),
                values: { approve: d.approve, review: d.review, reject: d.reject },
              }))}
              valueAxisLabel="Sign-ups"
              categoryAxisLabel="Day (UTC)"
              summary={
                all > 0
                  ? `${formatNumber(all)} sign-ups vetted: ${formatNumber(sum("approve"))} approved, ${formatNumber(sum("review"))} sent to review, ${formatNumber(sum("reject"))} rejected.`
                  : "No sign-ups vetted in the range."
              }
            />
          }
        />
        <MetricPanel
          {...overturned}
          rangeLabel={rangeLabel}
          chart={
            <SeriesChart
              title="Agents' decisions on the policy's reviews and rejections"
              kind="stacked"
              series={[
                { key: "approved", label: "Approved (overturned)" },
                { key: "rejected", label: "Rejected" },
                { key: "undecided", label: "Not decided yet" },
              ]}
              data={overturned.rows.map((r) => ({
                key: r.outcome,
                label: r.outcome,
                values: { approved: r.approved, rejected: r.rejected, undecided: r.undecided },
              }))}
              valueAxisLabel="Sign-ups"
              categoryAxisLabel="The policy's outcome"
              summary={`${formatNumber(v.overturned)} overturned: ${formatNumber(v.reviews.approved)} of ${formatNumber(v.reviews.decisions)} reviews approved by an agent, ${formatNumber(v.rejections.approved)} of ${formatNumber(v.rejections.decisions)} rejections approved on appeal.`}
            />
          }
          note="Counted for the policy's decisions made in the range, by the latest agent decision on the account since."
        />
      </div>
    </section>
  );
}
