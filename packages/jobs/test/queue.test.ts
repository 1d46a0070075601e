import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openJobQueue, startWorker, type Worker } from "../src/index.ts";
import { crashJob } from "./support/crash-job.ts";
import { JOB_RUNS_TABLE, recordJob } from "./support/test-jobs.ts";
import { waitFor, workerDeps } from "./support/worker-deps.ts";

let t: TestDatabase;
const workers: Worker[] = [];

beforeAll(async () => {
  t = await createTestDatabase({ maxConnections: 10 });
  await JOB_RUNS_TABLE.execute(t.db);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceful: false })));
  await t.destroy();
});

async function runs(n?: number) {
  const q = sql<{
    n: number;
    worker: number;
    retry_count: number;
  }>`select n, worker, retry_count from job_runs ${n === undefined ? sql`` : sql`where n = ${n}`} order by n`;
  return (await q.execute(t.db)).rows;
}

describe("the job queue (pg-boss)", () => {
  it("two workers against one database run N jobs exactly once, enqueued inside a transaction", async () => {
    const N = 300;
    const deps = workerDeps(t.db);
    const a = await startWorker(deps, {
      connectionString: t.connectionString,
      jobs: [recordJob(1)],
      log: deps.log,
    });
    const b = await startWorker(deps, {
      connectionString: t.connectionString,
      jobs: [recordJob(2)],
      log: deps.log,
    });
    workers.push(a, b);
    // A rolled-back transaction leaves no job behind…
    await t.db
      .transaction()
      .execute(async (trx) => {
        await a.enqueue(trx, recordJob(1), { n: -1 });
        throw new Error("roll back");
      })
      .catch(() => {});
    // …a committed one leaves all of its jobs.
    await t.db.transaction().execute(async (trx) => {
      for (let n = 0; n < N / 2; n++) await a.enqueue(trx, recordJob(1), { n });
    });
    await t.db.transaction().execute(async (trx) => {
      for (let n = N / 2; n < N; n++) await b.enqueue(trx, recordJob(2), { n });
    });
    // A payload that does not fit the schema is refused at enqueue time.
    await expect(a.enqueue(t.db, recordJob(1), { n: "x" as unknown as number })).rejects.toThrow();

    await waitFor(async () => (await runs()).length >= N, 60_000, `${N} runs`);
    await new Promise((r) => setTimeout(r, 1000)); // anything run twice would show up by now
    const all = await runs();
    expect(all.length).toBe(N);
    expect(new Set(all.map((r) => r.n)).size).toBe(N);
    expect(all.some((r) => r.n === -1)).toBe(false);
    // Both workers took a share.
    expect(new Set(all.map((r) => r.worker))).toEqual(new Set([1, 2]));
    await Promise.all([a.stop(), b.stop()]);
  }, 90_000);

  it("a worker killed mid-job (SIGKILL): the job is retried by another worker and completes", async () => {
    const schema = "pgboss_crash";
    const queue = await openJobQueue({
      connectionString: t.connectionString,
      jobs: [crashJob],
      log: workerDeps(t.db).log,
      schema,
    });
    await queue.enqueue(t.db, crashJob, { n: 1000 });

    const script = fileURLToPath(new URL("./support/crash-worker.ts", import.meta.url));
    const child = spawn(
      process.execPath,
      ["--conditions=@trustdesk/source", script, t.connectionString, schema],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const exited = new Promise((r) => child.once("exit", r));
    // The child's first attempt records itself, then hangs: kill it there.
    await waitFor(async () => (await runs(1000)).length === 1, 60_000, "the child to start the job");
    expect((await runs(1000))[0]).toMatchObject({ worker: child.pid, retry_count: 0 });
    child.kill("SIGKILL");
    await exited;

    const deps = workerDeps(t.db);
    const survivor = await startWorker(deps, {
      connectionString: t.connectionString,
      jobs: [crashJob],
      log: deps.log,
      schema,
      monitorIntervalSeconds: 1,
      pollingIntervalSeconds: 0.5,
    });
    workers.push(survivor);
    await waitFor(async () => (await runs(1000)).length === 2, 60_000, "the retry to complete");
    const [first, retried] = await runs(1000);
    expect(first?.worker).toBe(child.pid);
    expect(retried).toMatchObject({ worker: 0, retry_count: 1 });
    await survivor.stop();
    await queue.stop();
  }, 120_000);

  it("stop() lets a running job finish before it returns (graceful shutdown)", async () => {
    const deps = workerDeps(t.db);
    let finished = false;
    const slow = {
      ...recordJob(3),
      name: "test.slow",
      async handler(_data: { n: number }) {
        await new Promise((r) => setTimeout(r, 1500));
        finished = true;
      },
    };
    const w = await startWorker(deps, { connectionString: t.connectionString, jobs: [slow], log: deps.log });
    await w.enqueue(t.db, slow, { n: 1 });
    await waitFor(
      async () => {
        const active = await sql<{
          n: number;
        }>`select count(*)::int as n from pgboss.job where name = 'test.slow' and state = 'active'`.execute(
          t.db,
        );
        return active.rows[0]?.n === 1;
      },
      30_000,
      "the slow job to start",
    );
    await w.stop();
    expect(finished).toBe(true);
    const done = await sql<{ state: string }>`select state from pgboss.job where name = 'test.slow'`.execute(
      t.db,
    );
    expect(done.rows.map((r) => r.state)).toEqual(["completed"]);
  }, 60_000);
});
