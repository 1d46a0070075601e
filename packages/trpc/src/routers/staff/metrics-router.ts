import { MetricsRange } from "@trustdesk/domain";
import { getTeamMetrics } from "@trustdesk/services";
import { router, staffProcedure } from "../../trpc.ts";

/** The team's numbers (the metrics page): one aggregated answer per date range. */
export const staffMetricsRouter = router({
  overview: staffProcedure("metrics.view")
    .input(MetricsRange)
    .query(({ ctx, input }) => getTeamMetrics(ctx.deps, input)),
});
