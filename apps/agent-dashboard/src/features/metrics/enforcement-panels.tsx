import { ENFORCEMENT_REASON_LABELS, EnforcementReason } from "@trustdesk/domain";
import { Alert, SeriesChart } from "@trustdesk/ui";
import { formatDay, formatNumber } from "../../lib/format.ts";
import type { TeamMetrics } from "../../lib/trpc.ts";
import { MetricPanel } from "./metric-panel.tsx";
import { formatHours, formatShare } from "./metrics-format.ts";
import { dormancySpec, enforcementDaySpec, liftTimeSpec } from "./panel-specs.ts";

const REASONS = EnforcementReason.options.map((r) => ({ key: r, label: ENFORCEMENT_REASON_LABELS[r] }));
/** Short enough to sit under a group of bars. */
const REASON_AXIS_LABELS: Record<EnforcementReason, string> = {
  account_takeover: "Takeover",
  signup_vetting: "Vetting",
  dormancy: "Dormancy",
  exposed_credentials: "Exposed key",
  manual: "Manual",
};

/** Restrictions: opened and lifted per reason per day, time to lift and reactivation rate, dormancy. */
export function EnforcementPanels({ data, rangeLabel }: { data: TeamMetrics; rangeLabel: string }) {
  const e = data.enforcements;
  const opened = enforcementDaySpec(e, "opened");
  const lifted = enforcementDaySpec(e, "lifted");
  const liftTime = liftTimeSpec(e);
  const dormancy = dormancySpec(e);
  const sum = (which: "opened" | "lifted") =>
    e.perDay.reduce((s, d) => s + EnforcementReason.options.reduce((x, r) => x + d[which][r], 0), 0);
  const byCount = (which: "opened" | "lifted") =>
    EnforcementReason.options
      .map((r) => ({ r, n: e.perDay.reduce((s, d) => s + d[which][r], 0) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n)
      .map((x) => `${ENFORCEMENT_REASON_LABELS[x.r].toLowerCase()} ${formatNumber(x.n)}`)
      .join(", ");
  const deactivations = e.dormancy.days.reduce((s, d) => s + d.deactivations, 0);
  const reactivations = e.dormancy.days.reduce((s, d) => s + d.reactivations, 0);

  return (
    <section className="metrics__section" aria-labelledby="metrics-restrictions">
      <h2 id="metrics-restrictions" className="metrics__section-title">
        Restrictions
      </h2>
      <div className="metrics__grid">
        {(["opened", "lifted"] as const).map((which) => (
          <MetricPanel
            key={which}
            {...(which === "opened" ? opened : lifted)}
            rangeLabel={rangeLabel}
            chart={
              <SeriesChart
                title={which === "opened" ? "Restrictions opened per day" : "Restrictions lifted per day"}
                kind="stacked"
                series={REASONS}
                data={e.perDay.map((d) => ({ key: d.day, label: formatDay(d.day), values: d[which] }))}
                valueAxisLabel="Restrictions"
                categoryAxisLabel="Day (UTC)"
                summary={
                  sum(which) > 0
                    ? `${formatNumber(sum(which))} ${which} in the range: ${byCount(which)}.`
                    : `None ${which} in the range.`
                }
              />
            }
          />
        ))}
        <MetricPanel
          {...liftTime}
          rangeLabel={rangeLabel}
          chart={
            <SeriesChart
              title="Median and p90 time from restriction to lift, per reason"
              kind="grouped"
              series={[
                { key: "median", label: "Median" },
                { key: "p90", label: "p90" },
              ]}
              data={e.byReason.map((r) => ({
                key: r.reason,
                label: REASON_AXIS_LABELS[r.reason],
                values: {
                  median: r.medianMs === null ? null : r.medianMs / 3_600_000,
                  p90: r.p90Ms === null ? null : r.p90Ms / 3_600_000,
                },
              }))}
              valueAxisLabel="Hours"
              categoryAxisLabel="Reason"
              formatValue={(v) => `${Math.round(v)} h`}
              summary={`${formatNumber(e.allReasons.lifts)} lifted in the range: median ${formatHours(e.allReasons.medianMs)}, p90 ${formatHours(e.allReasons.p90Ms)}. Of the ${formatNumber(e.allReasons.opened)} opened in the range, ${formatShare(e.allReasons.reactivationRate)} were lifted by its end.`}
            />
          }
          note="Time to lift: the lifts made in the range, from the restriction to its lift. Reactivation rate: of the restrictions opened in the range, the share lifted by its end."
        />
        <MetricPanel
          {...dormancy}
          rangeLabel={rangeLabel}
          chart={
            <>
              {e.dormancy.warningsRecorded ? null : (
                <Alert tone="info" title="Warnings are not recorded yet" className="metric-panel__notice">
                  The dormancy scan will record the warnings it mails before a deactivation; until then this
                  chart shows deactivations and reactivations only.
                </Alert>
              )}
              <SeriesChart
                title="Dormant accounts per day"
                kind="lines"
                series={[
                  ...(e.dormancy.warningsRecorded ? [{ key: "warnings", label: "Warnings" }] : []),
                  { key: "deactivations", label: "Deactivations" },
                  { key: "reactivations", label: "Reactivations" },
                ]}
                data={e.dormancy.days.map((d) => ({
                  key: d.day,
                  label: formatDay(d.day),
                  values: {
                    warnings: d.warnings,
                    deactivations: d.deactivations,
                    reactivations: d.reactivations,
                  },
                }))}
                valueAxisLabel="Accounts"
                categoryAxisLabel="Day (UTC)"
                summary={`${formatNumber(deactivations)} deactivated and ${formatNumber(reactivations)} reactivated in the range.`}
              />
            </>
          }
        />
      </div>
    </section>
  );
}
