import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { QueryView } from "@trustdesk/client";
import { lastDaysRange, MetricsRange } from "@trustdesk/domain";
import { Button, Icon, PageHeader, Stat, useDocumentTitle } from "@trustdesk/ui";
import { useSearchParams } from "react-router";
import { formatLongDay, formatNumber } from "../../lib/format.ts";
import { type TeamMetrics, useTRPC } from "../../lib/trpc.ts";
import { DateRangeForm } from "./date-range-form.tsx";
import { EnforcementPanels } from "./enforcement-panels.tsx";
import { downloadText } from "./metric-table.ts";
import { allPanelsCsv } from "./metrics-csv.ts";
import { formatHours, formatShare } from "./metrics-format.ts";
import { TicketPanels } from "./ticket-panels.tsx";
import { VettingPanels } from "./vetting-panels.tsx";

/** The range in the URL (?from=&to=), so a view can be shared; the last 30 days when there is none or it is wrong. */
function useRange() {
  const [params, setParams] = useSearchParams();
  const parsed = MetricsRange.safeParse({ from: params.get("from"), to: params.get("to") });
  const range = parsed.success ? parsed.data : lastDaysRange(new Date());
  return [range, (next: MetricsRange) => setParams({ from: next.from, to: next.to })] as const;
}

/** The team's numbers over a date range: tickets, first responses, restrictions, vetting, dormancy. */
export function MetricsPage() {
  useDocumentTitle("Team metrics");
  const trpc = useTRPC();
  const [range, setRange] = useRange();
  const metrics = useQuery(
    trpc.staff.metrics.overview.queryOptions(range, { placeholderData: keepPreviousData }),
  );

  return (
    <>
      <PageHeader
        title="Team metrics"
        description="How the team is doing: the backlog, first responses against the 24–48 h promise, restrictions and their lifts, and sign-up vetting. Days are UTC; every number is computed by the database."
        actions={
          metrics.data ? (
            <Button
              variant="secondary"
              icon={<Icon name="download" size={16} />}
              onClick={() => {
                const data = metrics.data;
                downloadText(`team-metrics-${data.range.from}-to-${data.range.to}.csv`, allPanelsCsv(data));
              }}
            >
              Download all (CSV)
            </Button>
          ) : null
        }
      />
      <section className="td-card metrics-range-card" aria-label="Date range">
        <DateRangeForm range={range} onChange={setRange} busy={metrics.isFetching} />
      </section>
      <QueryView
        query={metrics}
        loadingLabel="Computing the numbers…"
        errorTitle="We couldn't compute the numbers"
      >
        {(data) => <MetricsBody data={data} stale={metrics.isPlaceholderData} />}
      </QueryView>
    </>
  );
}

function MetricsBody({ data, stale }: { data: TeamMetrics; stale: boolean }) {
  const rangeLabel = `${data.range.from}-to-${data.range.to}`;
  const lastBacklog = data.tickets.backlog[data.tickets.backlog.length - 1];
  const opened = data.tickets.flow.reduce((sum, d) => sum + d.opened, 0);
  const resolved = data.tickets.flow.reduce((sum, d) => sum + d.resolved, 0);
  const fr = data.tickets.firstResponse.total;
  const restrictions = data.enforcements.allReasons;
  return (
    <div className="metrics" aria-busy={stale} data-stale={stale || undefined}>
      <p className="metrics__range" aria-live="polite">
        {formatLongDay(data.range.from)} to {formatLongDay(data.range.to)}
        {data.range.requestedTo !== data.range.to ? " (today: later days have no numbers yet)" : ""}
      </p>
      <div className="metrics__headline">
        <Stat
          label="Backlog at the end"
          value={formatNumber(lastBacklog?.total ?? 0)}
          hint={`${formatNumber(opened)} opened, ${formatNumber(resolved)} resolved`}
        />
        <Stat
          label="First response, median"
          value={formatHours(fr.medianMs)}
          hint={`p90 ${formatHours(fr.p90Ms)} · ${formatNumber(fr.answered)} answered`}
        />
        <Stat
          label="First responses past 24 h"
          value={formatShare(fr.share24h)}
          hint={`${formatNumber(fr.over24h)} tickets; past 48 h: ${formatShare(fr.share48h)}`}
        />
        <Stat
          label="Restrictions opened"
          value={formatNumber(restrictions.opened)}
          hint={`reactivation rate ${formatShare(restrictions.reactivationRate)}`}
        />
        <Stat
          label="Vetting decisions overturned"
          value={formatNumber(data.vetting.overturned)}
          hint={`of ${formatNumber(data.vetting.reviews.decisions + data.vetting.rejections.decisions)} sent to review or rejected`}
        />
      </div>
      <TicketPanels data={data} rangeLabel={rangeLabel} />
      <EnforcementPanels data={data} rangeLabel={rangeLabel} />
      <VettingPanels data={data} rangeLabel={rangeLabel} />
    </div>
  );
}
