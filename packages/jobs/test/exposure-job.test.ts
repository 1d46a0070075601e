import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exposureScanJob, startWorker, type Worker } from "../src/index.ts";
import { accountWithKey } from "./support/exposure-fixtures.ts";
import { waitFor, workerDeps } from "./support/worker-deps.ts";

let t: TestDatabase;
let worker: Worker | undefined;

beforeAll(async () => {
  t = await createTestDatabase({ maxConnections: 8 });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t.destroy();
});

describe("the exposure scan on the queue", () => {
  it("scans the configured sources as a job: the leaked key is revoked and recorded; a rerun records nothing new", async () => {
    const acct = await accountWithKey(t.db);
    const dir = mkdtempSync(join(tmpdir(), "exposure-job-"));
    writeFileSync(join(dir, "deploy.env"), `SENDGRID_KEY=${acct.full}\n`);
    const deps = { ...workerDeps(t.db), settings: { solvedTicketCloseDays: 7, exposureScanSources: [dir] } };
    worker = await startWorker(deps, {
      connectionString: t.connectionString,
      jobs: [exposureScanJob],
      log: deps.log,
    });
    const done = async (n: number) => {
      const r = await sql<{ n: number }>`
        select count(*)::int n from pgboss.job where name = ${exposureScanJob.name} and state = 'completed'`.execute(
        t.db,
      );
      return r.rows[0]?.n === n;
    };
    await worker.enqueue(t.db, exposureScanJob, {});
    await waitFor(() => done(1), 60_000, "the scan job");
    const exposures = await t.db.selectFrom("credential_exposures").select(["location"]).execute();
    expect(exposures).toHaveLength(1);
    expect(exposures[0]?.location).toContain("deploy.env");
    const key = await t.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("key_id", "=", acct.keyId)
      .executeTakeFirstOrThrow();
    expect(key.revoked_at).not.toBeNull();

    await worker.enqueue(t.db, exposureScanJob, {});
    await waitFor(() => done(2), 60_000, "the second scan job");
    expect(await t.db.selectFrom("credential_exposures").select("id").execute()).toHaveLength(1);
    // A job naming stdin is refused before it is enqueued.
    await expect(worker.enqueue(t.db, exposureScanJob, { sources: ["-"] })).rejects.toThrow();
  }, 180_000);
});
