import { planDormancyChunks, runDormancyChunk } from "@trustdesk/services";
import { z } from "zod";
import { defineJob } from "../queue/define-job.ts";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD");

/** Accounts per chunk job by default: a chunk finishes well within its expiry on a busy machine. */
const CHUNK_SIZE = 50_000;

/**
 * One key range of the day's dormancy scan. Idempotent (a rerun of a chunk changes nothing and
 * sends nothing), so a chunk whose worker died is simply run again by another worker.
 */
export const dormancyChunkJob = defineJob({
  name: "dormancy.scan-chunk",
  schema: z.object({ after: z.uuid().nullable(), until: z.uuid().nullable(), asOfDay: Day }),
  options: { retryLimit: 5, retryDelay: 30, expireInSeconds: 1800 },
  async handler(data, { deps }) {
    return runDormancyChunk(deps.services, { after: data.after, until: data.until }, data.asOfDay);
  },
});

/**
 * The daily dormancy scan: splits the accounts into key ranges and enqueues one chunk job per range,
 * which any number of workers take in parallel. Each chunk is enqueued at most once a day (its key
 * range and day name it), so a second plan the same day adds nothing.
 */
export const dormancyScanJob = defineJob({
  name: "dormancy.scan",
  schema: z.object({ asOfDay: Day.optional() }),
  schedule: { cron: "30 2 * * *" },
  options: { retryLimit: 3 },
  async handler(data, { deps, queue }) {
    const asOfDay = data.asOfDay ?? deps.services.now().toISOString().slice(0, 10);
    const chunks = await planDormancyChunks(deps.services, {
      chunkSize: deps.settings.dormancyChunkSize ?? CHUNK_SIZE,
    });
    let enqueued = 0;
    for (const chunk of chunks) {
      const id = await queue.enqueue(
        deps.services.db,
        dormancyChunkJob,
        { ...chunk, asOfDay },
        { singletonKey: `${asOfDay}:${chunk.after ?? "first"}`, singletonSeconds: 24 * 3600 },
      );
      if (id) enqueued++;
    }
    return { asOfDay, chunks: chunks.length, enqueued };
  },
});
