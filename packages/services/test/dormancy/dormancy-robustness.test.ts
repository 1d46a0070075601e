import type { Db } from "@trustdesk/db";
import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planDormancyChunks, runDormancyChunk } from "../../src/index.ts";
import { depsOn, scan, tableCounts, total } from "./dormancy-fixtures.ts";

/**
 * Idempotence, concurrency, crashes, dry runs and chunking, each on a database of its own with the
 * same generated population (set-based, like the benchmark's): 600 accounts, a fifth of them due a
 * warning on the scan day, a fifth due a deactivation (warned 10 days before), the rest active, exempt
 * (premier) or closed.
 */
const ASOF = "2026-06-15";
const databases: TestDatabase[] = [];
async function populatedDatabase(): Promise<Db> {
  const database = await createTestDatabase();
  databases.push(database);
  await populate(database.db, 600);
  return database.db;
}
afterAll(async () => {
  await Promise.all(databases.map((d) => d.destroy()));
});

async function populate(db: Db, n: number) {
  await sql`
    insert into accounts (name, plan, created_at, closed_at)
    select 'Generated ' || i, case when i % 10 = 9 then 'premier' else 'free' end,
           timestamptz '2024-01-01', case when i % 50 = 7 then timestamptz '2025-01-01' end
      from generate_series(1, ${n}) i`.execute(db);
  await sql`
    insert into customer_users (account_id, email, name, role, password_hash)
    select id, 'owner-' || id || '@generated.example', 'Owner', 'owner', 'not-used' from accounts`.execute(
    db,
  );
  // Idle days by account: 0..4 → due a warning (60..64 days idle), 5..9 → past due, else recent.
  await sql`
    with numbered as (select id, row_number() over (order by name) as i from accounts)
    insert into activity_daily (account_id, day, mail_sent)
    select id, ${ASOF}::date - case when i % 25 < 5 then 60 + (i % 5)::int
                                     when i % 25 < 10 then 95
                                     else (i % 30)::int end, 100
      from numbered`.execute(db);
  // The past-due ones were warned 10 days ago for this idle period.
  await sql`
    insert into dormancy_warnings (account_id, idle_since, lead_days, sent_on, deactivate_on)
    select d.account_id, d.day, 7, ${ASOF}::date - 10, ${ASOF}::date - 3
      from activity_daily d where d.day = ${ASOF}::date - 95`.execute(db);
}

let shared: Db;
beforeAll(async () => {
  shared = await populatedDatabase();
});

describe("the dormancy scan's robustness", () => {
  it("a dry run reports what a real run then does, and changes nothing", async () => {
    const db = await populatedDatabase();
    const before = await tableCounts(db);
    const mailsBefore = await sql<{ n: string }>`select count(*) as n from mail_outbox`.execute(db);
    const dry = await scan(db, ASOF, { dryRun: true, batchSize: 100, sampleSize: 1000 });
    expect(await tableCounts(db)).toEqual(before);
    expect((await sql<{ n: string }>`select count(*) as n from mail_outbox`.execute(db)).rows).toEqual(
      mailsBefore.rows,
    );
    expect(dry.counts.warn).toBeGreaterThan(50);
    expect(dry.counts.deactivate).toBeGreaterThan(50);
    expect(dry.planned.every((p) => p.accountName.startsWith("Generated "))).toBe(true);
    const real = await scan(db, ASOF, { batchSize: 100 });
    expect(total(real)).toBe(dry.counts.warn);
    expect(real.deactivated).toBe(dry.counts.deactivate);
    expect(dry.planned.filter((p) => p.action === "warn")).toHaveLength(dry.counts.warn);
  });

  it("a second run the same day changes nothing and sends nothing", async () => {
    const first = await scan(shared, ASOF, { batchSize: 64 });
    expect(total(first)).toBeGreaterThan(50);
    expect(first.deactivated).toBeGreaterThan(50);
    expect(first.counts.scanned).toBe(600);
    expect(first.counts.exemptPlan).toBe(60);
    const after = await tableCounts(shared);
    expect(after.enforcements).toBe(first.deactivated);
    expect(after.warning_mails).toBe(total(first));
    expect(after.deactivation_mails).toBe(first.deactivated);
    expect(after.audits).toBe(total(first) + first.deactivated);
    const second = await scan(shared, ASOF, { batchSize: 64 });
    expect(total(second)).toBe(0);
    expect(second.deactivated).toBe(0);
    expect(second.counts.exemptRestricted).toBe(first.deactivated);
    expect(await tableCounts(shared)).toEqual(after);
  });

  it("two (and four) runs of the same chunk at once: every warning, deactivation and mail once", async () => {
    const db = await populatedDatabase();
    const dry = await scan(db, ASOF, { dryRun: true });
    const runs = await Promise.all([1, 2, 3, 4].map(() => scan(db, ASOF, { batchSize: 50 })));
    const counts = await tableCounts(db);
    expect(runs.reduce((s, r) => s + total(r), 0)).toBe(dry.counts.warn);
    expect(runs.reduce((s, r) => s + r.deactivated, 0)).toBe(dry.counts.deactivate);
    expect(counts.warning_mails).toBe(dry.counts.warn);
    expect(counts.deactivation_mails).toBe(dry.counts.deactivate);
    expect(counts.active).toBe(dry.counts.deactivate);
    const perAccount = await sql<{ n: string }>`
      select count(*) as n from (select to_address from mail_outbox group by to_address having count(*) > 1) d`.execute(
      db,
    );
    expect(perAccount.rows[0]?.n).toBe("0");
  });

  it("a run that dies after a batch is finished by a rerun: totals equal a clean run's", async () => {
    const crashed = await populatedDatabase();
    const clean = await populatedDatabase();
    let batches = 0;
    await expect(
      scan(crashed, ASOF, {
        batchSize: 100,
        onBatch: () => {
          if (++batches === 2) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    const partial = await tableCounts(crashed);
    const rerun = await scan(crashed, ASOF, { batchSize: 100 });
    const once = await scan(clean, ASOF, { batchSize: 100 });
    expect(await tableCounts(crashed)).toEqual(await tableCounts(clean));
    // The rerun did only what the dead run had not: together they did the clean run's work.
    expect(partial.warning_mails).toBeGreaterThan(0);
    expect(partial.warning_mails + total(rerun)).toBe(total(once));
    expect(partial.deactivation_mails + rerun.deactivated).toBe(once.deactivated);
  });

  it("chunks cover every account once, and chunked runs in parallel equal one run", async () => {
    const chunked = await populatedDatabase();
    const single = await populatedDatabase();
    const chunks = await planDormancyChunks(depsOn(chunked, ASOF), { chunkSize: 70 });
    expect(chunks).toHaveLength(Math.floor(600 / 70) + 1);
    expect(chunks[0]?.after).toBeNull();
    expect(chunks.at(-1)?.until).toBeNull();
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]?.after).toBe(chunks[i - 1]?.until);
    const results = await Promise.all(
      chunks.map((c) => runDormancyChunk(depsOn(chunked, ASOF), c, ASOF, { batchSize: 25 })),
    );
    expect(results.reduce((s, r) => s + r.counts.scanned, 0)).toBe(600);
    expect(results.map((r) => r.counts.scanned).slice(0, -1)).toEqual(Array(chunks.length - 1).fill(70));
    await scan(single, ASOF);
    expect(await tableCounts(chunked)).toEqual(await tableCounts(single));
  });

  it("refuses a scan day that is not a date", async () => {
    await expect(scan(shared, "2026-02-30")).rejects.toThrow("not a day of the calendar");
    await expect(scan(shared, "tomorrow")).rejects.toThrow("use YYYY-MM-DD");
  });
});
