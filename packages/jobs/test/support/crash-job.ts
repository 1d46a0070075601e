import { sql } from "kysely";
import { z } from "zod";
import { defineJob } from "../../src/index.ts";

/** Expires 2 s after its worker stops answering (a killed worker's job comes back quickly). */
export const crashJob = defineJob({
  name: "test.crash",
  schema: z.object({ n: z.number().int() }),
  options: { expireInSeconds: 2, retryDelay: 1, retryLimit: 3 },
  async handler(data, { deps, retryCount }) {
    await sql`insert into job_runs (n, worker, retry_count) values (${data.n}, 0, ${retryCount})`.execute(
      deps.services.db,
    );
  },
});
