import { z } from "zod";
import { parseScanSource, scanSources } from "../exposure/scan-sources.ts";
import { defineJob } from "../queue/define-job.ts";

/**
 * The exposure scan of the configured sources (files, directories, git repositories, HTTP text
 * feeds — `EXPOSURE_SCAN_SOURCES`), daily, or of the sources a job names. A rerun over the same
 * content records nothing new (the same key at the same place is one exposure), so a scan whose
 * worker died is simply run again. Never stdin: a job has no terminal.
 */
export const exposureScanJob = defineJob({
  name: "exposure.scan",
  schema: z.object({
    sources: z
      .array(
        z
          .string()
          .min(1)
          .max(2000)
          .refine((s) => s !== "-", "a job cannot read stdin"),
      )
      .max(100)
      .optional(),
  }),
  schedule: { cron: "0 3 * * *" },
  options: { retryLimit: 2, retryDelay: 300, expireInSeconds: 3 * 3600 },
  async handler(data, { deps, signal }) {
    const sources = data.sources ?? deps.settings.exposureScanSources ?? [];
    if (sources.length === 0) return { skipped: "no sources configured" };
    if (signal.aborted) return { skipped: "worker stopping" };
    const summary = await scanSources(deps.services, sources.map(parseScanSource));
    deps.log.info(
      {
        sources: sources.length,
        bytes: summary.bytes,
        keyShaped: summary.keyShaped,
        matchedKeys: summary.matchedKeys,
        revocations: summary.revocations,
        newExposures: summary.newExposures,
        failures: summary.failures,
      },
      "exposure scan finished",
    );
    return summary;
  },
});
