import { sql } from "kysely";
import { z } from "zod";
import { defineJob } from "../../src/index.ts";

export const JOB_RUNS_TABLE = sql`create table if not exists job_runs (n int not null, worker int not null, retry_count int not null, at timestamptz not null default now())`;

/** `test.record` as worker number `worker` runs it: each run is a row in `job_runs`. */
export function recordJob(worker: number) {
  return defineJob({
    name: "test.record",
    schema: z.object({ n: z.number().int() }),
    options: { batchSize: 10, localConcurrency: 2 },
    async handler(data, { deps, retryCount }) {
      await sql`insert into job_runs (n, worker, retry_count) values (${data.n}, ${worker}, ${retryCount})`.execute(
        deps.services.db,
      );
    },
  });
}
