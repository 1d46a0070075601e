import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dormancyChunkJob, dormancyScanJob, startWorker, TRUSTDESK_JOBS, type Worker } from "../src/index.ts";
import { waitFor, workerDeps } from "./support/worker-deps.ts";

const AS_OF = "2026-11-29";
let t: TestDatabase;
const workers: Worker[] = [];

beforeAll(async () => {
  t = await createTestDatabase({ maxConnections: 12 });
  // 120 free-plan accounts idle for 200 days (past the 90-day period): each is due a first warning.
  await sql`
    insert into accounts (name, plan, created_at)
    select 'Idle ' || i, 'free', timestamptz '2025-01-01' from generate_series(1, 120) i`.execute(t.db);
  await sql`
    insert into customer_users (account_id, email, name, role, password_hash)
    select id, 'owner-' || id || '@idle.example', 'Owner', 'owner', 'not-used' from accounts`.execute(t.db);
  await sql`
    insert into activity_daily (account_id, day, mail_sent)
    select id, ${AS_OF}::date - 200, 10 from accounts`.execute(t.db);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceful: false })));
  await t.destroy();
});

async function chunkJobs(): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int n from pgboss.job where name = ${dormancyChunkJob.name}`.execute(t.db);
  return r.rows[0]?.n ?? 0;
}

describe("the dormancy scan on the queue", () => {
  it("fans the day's scan out into chunk jobs that two workers take; a second plan the same day adds none", async () => {
    const jobs = TRUSTDESK_JOBS.filter((j) => j.name.startsWith("dormancy."));
    for (let i = 0; i < 2; i++) {
      const deps = { ...workerDeps(t.db), settings: { solvedTicketCloseDays: 7, dormancyChunkSize: 25 } };
      workers.push(await startWorker(deps, { connectionString: t.connectionString, jobs, log: deps.log }));
    }
    const [a] = workers as [Worker];
    await a.enqueue(t.db, dormancyScanJob, { asOfDay: AS_OF });
    await waitFor(async () => (await chunkJobs()) > 0, 60_000, "chunk jobs");
    await waitFor(
      async () => {
        const r = await sql<{ n: number }>`
          select count(*)::int n from pgboss.job
           where name = ${dormancyChunkJob.name} and state <> 'completed'`.execute(t.db);
        return r.rows[0]?.n === 0;
      },
      120_000,
      "every chunk job completed",
    );
    const warnings = await sql<{ n: number }>`select count(*)::int n from dormancy_warnings`.execute(t.db);
    expect(warnings.rows[0]?.n).toBe(120);
    const mails = await sql<{ n: number }>`
      select count(*)::int n from mail_outbox where to_address like '%@idle.example'`.execute(t.db);
    expect(mails.rows[0]?.n).toBe(120);

    // 120 accounts in ranges of 25: five chunks, each run once.
    const before = await chunkJobs();
    expect(before).toBe(5);
    await a.enqueue(t.db, dormancyScanJob, { asOfDay: AS_OF });
    await waitFor(
      async () => {
        const r = await sql<{ n: number }>`
          select count(*)::int n from pgboss.job
           where name = ${dormancyScanJob.name} and state = 'completed'`.execute(t.db);
        return r.rows[0]?.n === 2;
      },
      60_000,
      "the second plan",
    );
    expect(await chunkJobs()).toBe(before);
    const again = await sql<{ n: number }>`select count(*)::int n from dormancy_warnings`.execute(t.db);
    expect(again.rows[0]?.n).toBe(120);
  }, 240_000);
});
