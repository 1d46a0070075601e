/**
 * A worker process for the crash test: runs `test.crash`, whose first attempt records that it
 * started and then never finishes, so the parent can kill this process (SIGKILL) mid-job.
 *   node --conditions=@trustdesk/source crash-worker.ts <connection string> <schema>
 */
import { createDb } from "@trustdesk/db";
import { sql } from "kysely";
import { startWorker } from "../../src/index.ts";
import { crashJob } from "./crash-job.ts";
import { workerDeps } from "./worker-deps.ts";

const [connectionString, schema] = process.argv.slice(2) as [string, string];
const db = createDb({ connectionString, applicationName: "crash-worker" });
const deps = workerDeps(db);
crashJob.handler = async (data, { retryCount }) => {
  await sql`insert into job_runs (n, worker, retry_count) values (${data.n}, ${process.pid}, ${retryCount})`.execute(
    db,
  );
  await new Promise(() => {}); // never finishes: the parent kills us here
};
await startWorker(deps, {
  connectionString,
  jobs: [crashJob],
  log: deps.log,
  schema,
  monitorIntervalSeconds: 1,
});
process.stdout.write("ready\n");
