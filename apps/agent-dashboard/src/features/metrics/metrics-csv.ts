import type { TeamMetrics } from "../../lib/trpc.ts";
import { toCsv } from "./metric-table.ts";
import {
  backlogSpec,
  dormancySpec,
  enforcementDaySpec,
  firstResponseSpec,
  flowSpec,
  liftTimeSpec,
  overturnedSpec,
  type PanelSpec,
  resolutionSpec,
  vettingSpec,
} from "./panel-specs.ts";

/** Every panel's table in one file: a title line per panel, then its CSV, a blank line between. */
export function allPanelsCsv(data: TeamMetrics): string {
  const specs: Array<PanelSpec<never>> = [
    backlogSpec(data.tickets),
    flowSpec(data.tickets),
    firstResponseSpec(data.tickets),
    resolutionSpec(data.tickets),
    enforcementDaySpec(data.enforcements, "opened"),
    enforcementDaySpec(data.enforcements, "lifted"),
    liftTimeSpec(data.enforcements),
    dormancySpec(data.enforcements),
    vettingSpec(data.vetting),
    overturnedSpec(data.vetting),
  ] as unknown as Array<PanelSpec<never>>;
  return specs
    .map((s) => `${s.title} (${data.range.from} to ${data.range.to})\r\n${toCsv(s.columns, s.rows)}`)
    .join("\r\n");
}
