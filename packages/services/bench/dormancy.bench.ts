/**
 * Dormancy scan benchmark (issue 15, "Measured"). From packages/services:
 *
 *   pnpm bench:dormancy                         (node --conditions=@trustdesk/source bench/dormancy.bench.ts)
 *   pnpm bench:dormancy --accounts 1000000,10000000
 *   pnpm bench:dormancy --accounts 100000       # a quick run
 *
 * For each size (default 1,000,000 accounts), on a throwaway embedded PostgreSQL (loopback only):
 * generates the accounts with set-based SQL (generate_series; triggers and secondary indexes off
 * during the load, indexes rebuilt from their own definitions after): plans free / essentials / pro /
 * premier 14:3:2:1, 1 % closed, 0.5 % restricted, an owner each (30 % with a recorded sign-in), two
 * activity rollup days each with the last one 0–1,000 days ago (55 % within a month, 20 % over 200
 * days), and a warning sent 10 days ago for a third of the long-idle accounts (so the scan also
 * deactivates). Then, as of a fixed day:
 *
 *   - the floor: the same selection (which accounts to warn, at which lead time, and which to
 *     deactivate) as ONE hand-written SQL statement over the whole table, through `pg`;
 *   - ours, dry run: `planDormancyChunks` + `runDormancyChunk` (batches of `--batch`, 5,000),
 *     `--workers` chunks (of `--chunk` accounts) at a time — the same selection, set-based, in key-range batches;
 *     floor and dry run twice each, alternating, best of two;
 *   - ours, real run: the same plus the writes (warnings, mails, enforcements, audit events);
 *   - ours, rerun the same day: nothing to do (and checked: nothing written).
 *
 * The dry run's and the real run's counts must equal the floor's (checked). Prints a table and writes
 * dormancy-<accounts>.json and .md to bench/results/ (or `--results-dir`).
 */
import { createDb, migrateToLatest } from "@trustdesk/db";
import { DEFAULT_DORMANCY_POLICY } from "@trustdesk/domain";
import { z } from "zod";
import {
  addDormancySummary,
  type DormancyChunkSummary,
  defaultServiceConfig,
  emptyDormancySummary,
  planDormancyChunks,
  runDormancyChunk,
  type ServiceDeps,
} from "../src/index.ts";
import {
  benchFlags,
  machine,
  markdownTable,
  type PgClient,
  positiveInt,
  RESULTS_DIR,
  rawClient,
  round,
  timed,
  withThrowawayPostgres,
  writeResultFiles,
} from "./harness.ts";

const settings = benchFlags({
  accounts: z
    .string()
    .default("1000000")
    .transform((v) => v.split(",").map((s) => Number(s.trim().replaceAll("_", ""))))
    .pipe(
      z
        .array(z.int("account counts are whole numbers").min(1000, "at least 1,000 accounts").max(50_000_000))
        .min(1),
    ),
  workers: positiveInt(2),
  batch: positiveInt(5_000),
  chunk: positiveInt(100_000),
  resultsDir: z.string().default(RESULTS_DIR),
});

const AS_OF = "2026-06-15";
const policy = DEFAULT_DORMANCY_POLICY;

async function seed(client: PgClient, accounts: number) {
  const q = (text: string, values?: unknown[]) => client.query(text, values);
  const timings: Record<string, number> = {};
  const step = async (name: string, text: string, values?: unknown[]) => {
    const { ms } = await timed(() => q(text, values));
    timings[name] = Math.round(ms);
    console.log(`  ${name}: ${(ms / 1000).toFixed(1)} s`);
  };
  await q("set maintenance_work_mem = '1GB'; set max_parallel_maintenance_workers = 2; select setseed(0.42)");
  // Bulk load: no triggers (the email history) and no FK checks, secondary indexes rebuilt after.
  await q("set session_replication_role = replica");
  const tables = ["accounts", "customer_users", "activity_daily", "enforcements", "dormancy_warnings"];
  const { rows: indexes } = await q(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.tablename = any($1) and i.schemaname = 'public'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [tables],
  );
  for (const { indexname } of indexes) await q(`drop index ${indexname}`);
  const asOf = `'${AS_OF}'::date`;
  await step(
    "accounts",
    `insert into accounts (name, plan, created_at, closed_at)
     select 'Account ' || i,
            case when i % 20 < 14 then 'free' when i % 20 < 17 then 'essentials' when i % 20 < 19 then 'pro' else 'premier' end,
            ${asOf} - make_interval(days => 400 + ((i::bigint * 7919) % 2000)::int),
            case when i % 100 = 37 then ${asOf} - interval '30 days' end
       from generate_series(1, $1::int) i`,
    [accounts],
  );
  await step(
    "owners",
    `insert into customer_users (account_id, email, name, role, password_hash, last_sign_in_at)
     select id, 'owner-' || id || '@bench.test', 'Owner', 'owner', 'not-a-hash',
            case when random() < 0.3 then ${asOf} - make_interval(days => floor(random() * 400)::int) end
       from accounts`,
  );
  await step(
    "activity (2 days per account)",
    `insert into activity_daily (account_id, day, mail_sent, api_calls, sign_ins)
     select a.id, d.day, 100, 10, 0
       from (select id, (case when r < 0.55 then floor(random() * 30)
                              when r < 0.70 then 30 + floor(random() * 30)
                              when r < 0.78 then 60 + floor(random() * 31)
                              when r < 0.80 then 91 + floor(random() * 110)
                              else 200 + floor(random() * 800) end)::int as idle
               from (select id, random() as r from accounts) x) a
      cross join lateral (values (${asOf} - a.idle), (${asOf} - a.idle - 1 - a.idle % 40)) d(day)`,
  );
  await step(
    "restricted (0.5 %)",
    `insert into enforcements (account_id, reason, policy_code, evidence, created_by_service)
     select id, 'manual', 'manual.other',
            '{"reason":"manual","manualReason":"other","note":"Generated for the benchmark."}'::jsonb, 'bench'
       from accounts where abs(hashtext(id::text)) % 200 = 1`,
  );
  await step(
    "earlier warnings (a third of the long idle)",
    `insert into dormancy_warnings (account_id, idle_since, lead_days, sent_on, deactivate_on)
     select a.id, greatest(l.day, (u.last_sign_in_at at time zone 'UTC')::date, (a.created_at at time zone 'UTC')::date),
            7, ${asOf} - 10, ${asOf} - 3
       from accounts a
       join (select account_id, max(day) as day from activity_daily group by 1) l on l.account_id = a.id
       join customer_users u on u.account_id = a.id
      where l.day < ${asOf} - 200 and abs(hashtext(a.id::text)) % 3 = 0`,
  );
  const indexStarted = performance.now();
  for (const { indexdef } of indexes) await q(indexdef);
  timings.indexes = Math.round(performance.now() - indexStarted);
  console.log(`  indexes: ${(timings.indexes / 1000).toFixed(1)} s`);
  await q("set session_replication_role = origin");
  await step("vacuum analyze", "vacuum analyze");
  const { rows } = await q(
    `select pg_size_pretty(pg_database_size(current_database())) as size,
            (select count(*) from activity_daily) as activity_rows`,
  );
  return { timingsMs: timings, size: rows[0].size as string, activityRows: Number(rows[0].activity_rows) };
}

/** The same selection as one hand-written statement over the whole table: the floor. */
function floorStatement(): { text: string; values: unknown[] } {
  return {
    text: `
    with la as (select account_id, max(day) as day from activity_daily
                 where mail_sent > 0 or api_calls > 0 or sign_ins > 0 group by account_id),
         si as (select account_id, (max(last_sign_in_at) at time zone 'UTC')::date as day
                  from customer_users group by account_id),
         rl as (select account_id, (max(lifted_at) at time zone 'UTC')::date as day from enforcements
                 where reason = 'dormancy' and status = 'lifted' group by account_id),
         ws as (select account_id, idle_since, min(sent_on) as first_sent, array_agg(lead_days) as leads
                  from dormancy_warnings group by 1, 2),
         f as (select a.id, ($1::jsonb ->> a.plan)::int as period,
                      greatest(la.day, si.day, (a.created_at at time zone 'UTC')::date, rl.day) as idle_since
                 from accounts a
                 left join la on la.account_id = a.id
                 left join si on si.account_id = a.id
                 left join rl on rl.account_id = a.id
                where a.closed_at is null and ($1::jsonb ->> a.plan) is not null
                  and not exists (select 1 from enforcements e where e.account_id = a.id and e.status = 'active')),
         d as (select f.id, ws.first_sent, ws.leads,
                      greatest(f.idle_since + f.period, coalesce(ws.first_sent, $2::date) + $3::int) as deact
                 from f left join ws on ws.account_id = f.id and ws.idle_since = f.idle_since),
         l as (select d.*, (select min(x) from unnest($4::int[]) x where x >= d.deact - $2::date) as lead from d)
    select id, case when first_sent is not null and deact <= $2::date then 'deactivate' else 'warn' end as action, lead
      from l
     where (first_sent is not null and deact <= $2::date)
        or (lead is not null and not (lead = any(coalesce(leads, '{}'::int[]))))`,
    values: [JSON.stringify(policy.periodDays), AS_OF, policy.minimumNoticeDays, policy.warningLeadDays],
  };
}

async function ours(deps: ServiceDeps, dryRun: boolean) {
  const started = performance.now();
  const chunks = await planDormancyChunks(deps, { chunkSize: settings.chunk });
  const planMs = performance.now() - started;
  const total = emptyDormancySummary();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(settings.workers, chunks.length) }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        if (!chunk) break;
        const s = await runDormancyChunk(deps, chunk, AS_OF, {
          dryRun,
          batchSize: settings.batch,
          sampleSize: 0,
        });
        addDormancySummary(total, s, 0);
      }
    }),
  );
  return { ms: performance.now() - started, planMs, chunks: chunks.length, summary: total };
}

const warnedTotal = (s: DormancyChunkSummary) => Object.values(s.warned).reduce((a, b) => a + b, 0);

async function benchSize(accounts: number) {
  return withThrowawayPostgres("dormancy", async (server, onCleanup) => {
    const db = createDb({
      connectionString: server.connectionString,
      maxConnections: settings.workers + 2,
      applicationName: "bench",
    });
    onCleanup(() => db.destroy());
    await migrateToLatest(db);
    const client = await rawClient(server.connectionString);
    onCleanup(() => client.end());
    console.log(`\nGenerating ${accounts.toLocaleString("en")} accounts…`);
    const seeded = await timed(() => seed(client, accounts));
    console.log(`generated in ${(seeded.ms / 1000).toFixed(0)} s (${seeded.value.size})`);

    const deps: ServiceDeps = {
      db,
      now: () => new Date(`${AS_OF}T06:00:00Z`),
      config: {
        ...defaultServiceConfig,
        secretKey: "bench-secret-key-0123456789abcdef-0123456789",
        publicUrl: "http://127.0.0.1",
        dormancy: policy,
      },
    };
    const floor = floorStatement();
    const floorRuns: Array<{ ms: number; warn: number; deactivate: number }> = [];
    const dryRuns: Array<Awaited<ReturnType<typeof ours>>> = [];
    for (let round = 0; round < 2; round++) {
      const f = await timed(() => client.query(floor.text, floor.values));
      const warn = f.value.rows.filter((r) => r.action === "warn").length;
      floorRuns.push({ ms: f.ms, warn, deactivate: f.value.rows.length - warn });
      console.log(`  floor (one statement): ${(f.ms / 1000).toFixed(1)} s — ${warn} to warn`);
      const d = await ours(deps, true);
      dryRuns.push(d);
      console.log(`  ours, dry run: ${(d.ms / 1000).toFixed(1)} s — ${d.summary.counts.warn} to warn`);
    }
    const floorBest = Math.min(...floorRuns.map((r) => r.ms));
    const dryBest = dryRuns.reduce((a, b) => (a.ms <= b.ms ? a : b));
    const expected = floorRuns[0] as { warn: number; deactivate: number };
    const check = (what: string, got: number, want: number) => {
      if (got !== want) throw new Error(`${what}: ours ${got}, the floor ${want}: the selections differ`);
    };
    check("to warn (dry run)", dryBest.summary.counts.warn, expected.warn);
    check("to deactivate (dry run)", dryBest.summary.counts.deactivate, expected.deactivate);

    const real = await ours(deps, false);
    console.log(
      `  ours, real run: ${(real.ms / 1000).toFixed(1)} s — warned ${warnedTotal(real.summary)}, deactivated ${real.summary.deactivated}`,
    );
    check("warned (real run)", warnedTotal(real.summary), expected.warn);
    check("deactivated (real run)", real.summary.deactivated, expected.deactivate);
    const rerun = await ours(deps, false);
    console.log(`  ours, rerun the same day: ${(rerun.ms / 1000).toFixed(1)} s`);
    check("warned (rerun)", warnedTotal(rerun.summary), 0);
    check("deactivated (rerun)", rerun.summary.deactivated, 0);

    const row = (ms: number, note: string) => ({
      "wall s": round(ms / 1000, 1),
      "accounts/s": Math.round(accounts / (ms / 1000)),
      "÷ floor": round(ms / floorBest),
      note,
    });
    const table = {
      "floor: one hand-written statement": row(floorBest, "best of 2; PostgreSQL may use parallel workers"),
      "ours, dry run (selection only)": row(
        dryBest.ms,
        `best of 2; ${dryBest.chunks} chunks, ${settings.workers} workers, batches of ${settings.batch}`,
      ),
      "ours, real run (selection + writes)": row(
        real.ms,
        `${warnedTotal(real.summary).toLocaleString("en")} warnings and mails, ${real.summary.deactivated.toLocaleString("en")} deactivations`,
      ),
      "ours, rerun the same day": row(rerun.ms, "nothing to do: nothing written"),
    };
    return {
      accounts,
      seeding: { seconds: round(seeded.ms / 1000, 1), ...seeded.value },
      selection: {
        toWarn: expected.warn,
        toDeactivate: expected.deactivate,
        byLead: real.summary.warned,
        counts: real.summary.counts,
      },
      floorMs: floorRuns.map((r) => Math.round(r.ms)),
      dryRunMs: dryRuns.map((r) => Math.round(r.ms)),
      planChunksMs: Math.round(dryBest.planMs),
      realRunMs: Math.round(real.ms),
      rerunMs: Math.round(rerun.ms),
      table,
    };
  });
}

async function main() {
  const started = performance.now();
  for (const accounts of settings.accounts) {
    const result = await benchSize(accounts);
    const name = `dormancy-${accounts}`;
    const heading = `Dormancy scan, ${accounts.toLocaleString("en")} accounts (as of ${AS_OF}; ${result.selection.toWarn.toLocaleString("en")} to warn, ${result.selection.toDeactivate.toLocaleString("en")} to deactivate; generated in ${result.seeding.seconds} s, ${result.seeding.size})`;
    const written = await writeResultFiles(
      settings.resultsDir,
      name,
      {
        benchmark: "dormancy scan",
        date: new Date().toISOString(),
        command: `pnpm bench:dormancy --accounts ${accounts} --workers ${settings.workers} --batch ${settings.batch} --chunk ${settings.chunk} (in packages/services)`,
        machine: machine(),
        settings: {
          workers: settings.workers,
          batchSize: settings.batch,
          chunkSize: settings.chunk,
          policy,
        },
        ...result,
      },
      `${heading}\n\n${markdownTable(result.table, "run")}`,
    );
    console.log(`\n${heading}`);
    console.table(result.table);
    console.log(`written to ${written.join(", ")}`);
  }
  console.log(`total ${Math.round((performance.now() - started) / 1000)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
