/**
 * The REST surface for internal systems, each beside its floor from the same run:
 *
 *   1. Activity ingest: batches of 100 events posted to `/v1/activity` (token, JSON, per-event
 *      validation, insert into the ledger and the daily rollups in one transaction), against the
 *      same 100 rows inserted by a bare multi-row `pg` INSERT into the same table, equally many in
 *      flight. Events per second.
 *   2. Compromise report → suspension: `POST /v1/compromise-reports` for accounts with two live
 *      sessions and two API keys each; the answer comes once the account is suspended (sessions
 *      revoked, keys disabled, case opened, mail written — one transaction). Against the bare
 *      suspension as one hand-written `pg` transaction (lock the account, insert the enforcement,
 *      revoke the sessions, disable the keys). Checked afterwards in SQL: every reported account
 *      suspended, nothing of its left alive.
 *
 *   pnpm bench:rest                      (in apps/api; 10 s of ingest per side, 8 in flight)
 *   pnpm bench:rest --seconds 3 --reports 100
 *
 * Results: rest.json and rest.md in bench/results/ (or `--results-dir`).
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchFlags, machine, positiveInt, round, writeResultFiles } from "@trustdesk/bench/kit";
import { createServiceToken, issueApiKey } from "@trustdesk/services";
import pg from "pg";
import { z } from "zod";
import { closedLoop, insertAccounts, type Phase, startBenchApi } from "./support.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const options = benchFlags({
  seconds: z.coerce.number().min(1).max(600).default(10),
  concurrency: positiveInt(8),
  accounts: positiveInt(1_000),
  reports: positiveInt(300),
  resultsDir: z.string().default(path.join(HERE, "results")),
});
const BATCH = 100;

const ratio = (ours: number, floor: number) => round(ours / floor, 2);

async function main() {
  const api = await startBenchApi({ maxConnections: options.concurrency + 2 });
  const pool = new pg.Pool({ connectionString: api.connectionString, max: options.concurrency + 2 });
  try {
    const { db, deps } = api;
    const accounts = await insertAccounts(db, options.accounts, "Ingest bench");
    const token = await createServiceToken(deps, "bench", {
      name: "bench",
      scopes: ["activity:write", "compromise:write"],
    });
    const tokenRow = await db
      .selectFrom("service_tokens")
      .select("id")
      .where("name", "=", "bench")
      .executeTakeFirstOrThrow();

    // 1. Activity ingest. Both sides write fresh event ids into the same table.
    let batches = 0;
    const events = (side: string) => {
      const b = batches++;
      return Array.from({ length: BATCH }, (_, i) => ({
        eventId: `${side}-${b}-${i}`,
        accountId: accounts[(b * BATCH + i) % accounts.length] as string,
        kind: i % 3 === 0 ? "api_call" : "mail_sent",
        occurredAt: new Date().toISOString(),
        quantity: 1 + (i % 5),
      }));
    };
    const ours = await closedLoop(options.concurrency, options.seconds, () => async () => {
      const res = await fetch(`${api.url}/v1/activity`, {
        method: "POST",
        headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
        body: JSON.stringify({ events: events("ours") }),
      });
      const body = (await res.json()) as { accepted?: number };
      return res.status === 200 && body.accepted === BATCH;
    });
    const floor = await closedLoop(options.concurrency, options.seconds, () => async () => {
      const e = events("floor");
      const r = await pool.query(
        `insert into activity_events (event_id, account_id, kind, quantity, occurred_at, service_token_id)
         select * from unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[], $6::uuid[])
         on conflict (event_id) do nothing`,
        [
          e.map((x) => x.eventId),
          e.map((x) => x.accountId),
          e.map((x) => x.kind),
          e.map((x) => x.quantity),
          e.map((x) => x.occurredAt),
          e.map(() => tokenRow.id),
        ],
      );
      return r.rowCount === BATCH;
    });
    const stored = await db
      .selectFrom("activity_events")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("event_id", "like", "ours-%")
      .executeTakeFirstOrThrow();
    const ingest = {
      batchSize: BATCH,
      ours: { ...ours, eventsPerSecond: ours.perSecond * BATCH },
      floor: { ...floor, eventsPerSecond: floor.perSecond * BATCH },
      eventsStoredByOurs: Number(stored.n),
      eventsAcknowledgedByOurs: (ours.n - ours.failed) * BATCH,
      oursVsFloor: {
        throughput: ratio(ours.perSecond, floor.perSecond),
        p50: ratio(ours.p50Ms, floor.p50Ms),
        p99: ratio(ours.p99Ms, floor.p99Ms),
      },
    };
    console.log("ingest", ingest);

    // 2. Compromise report → suspension, one account per report; half through our API, half as
    // the bare transaction. Sessions are inserted directly (their hashes are all that matters).
    const targets = await insertAccounts(db, options.reports * 2, "Compromise bench");
    for (const accountId of targets) {
      for (let k = 0; k < 2; k++)
        await issueApiKey(db, { accountId, name: `Key ${k}`, createdByUserId: null });
    }
    await pool.query(
      `insert into sessions (token_hash, realm, customer_user_id, stage, expires_at)
       select sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'customer', u.id, 'full', now() + interval '1 day'
         from customer_users u cross join generate_series(1, 2)
        where u.account_id = any($1::uuid[])`,
      [targets],
    );
    const oursTargets = targets.slice(0, options.reports);
    const floorTargets = targets.slice(options.reports);
    // One report at a time: the time a single report takes to shut the account, on a quiet API.
    const reportOne = (accountId: string) => async () => {
      const res = await fetch(`${api.url}/v1/compromise-reports`, {
        method: "POST",
        headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
        body: JSON.stringify({
          reportId: `bench-${randomUUID()}`,
          accountId,
          summary: "Sign-ins from a new country, then a burst of sends",
          signals: ["impossible travel", "new sending domain"],
        }),
      });
      await res.arrayBuffer();
      return res.status === 201;
    };
    const suspendBare = (accountId: string) => async () => {
      const client = await pool.connect();
      try {
        await client.query("begin");
        await client.query("select 1 from accounts where id = $1 for update", [accountId]);
        await client.query(
          `insert into enforcements (account_id, reason, policy_code, evidence, created_by_service)
           values ($1, 'account_takeover', 'ato.reported_by_detector', $2, 'bench')`,
          [accountId, JSON.stringify({ reason: "account_takeover" })],
        );
        await client.query(
          `update sessions set revoked_at = now(), revoked_reason = 'account_takeover'
            where revoked_at is null
              and customer_user_id in (select id from customer_users where account_id = $1)`,
          [accountId],
        );
        await client.query(
          "update api_keys set disabled_at = now() where account_id = $1 and disabled_at is null and revoked_at is null",
          [accountId],
        );
        await client.query("commit");
        return true;
      } catch (error) {
        await client.query("rollback");
        throw error;
      } finally {
        client.release();
      }
    };
    const queueOf = (ids: string[], make: (id: string) => () => Promise<boolean>) => {
      let i = 0;
      return () => (i < ids.length ? make(ids[i++] as string) : null);
    };
    const reportPhase = await closedLoop(1, 600, queueOf(oursTargets, reportOne));
    const barePhase = await closedLoop(1, 600, queueOf(floorTargets, suspendBare));
    const alive = await db
      .selectFrom("accounts as a")
      .select((eb) => [
        eb.fn
          .countAll<string>()
          .filterWhere(
            eb.not(
              eb.exists(
                eb
                  .selectFrom("enforcements as e")
                  .select("e.id")
                  .whereRef("e.account_id", "=", "a.id")
                  .where("e.status", "=", "active"),
              ),
            ),
          )
          .as("unsuspended"),
        eb.fn
          .countAll<string>()
          .filterWhere(
            eb.exists(
              eb
                .selectFrom("sessions as s")
                .innerJoin("customer_users as u", "u.id", "s.customer_user_id")
                .select("s.id")
                .whereRef("u.account_id", "=", "a.id")
                .where("s.revoked_at", "is", null),
            ),
          )
          .as("withLiveSessions"),
        eb.fn
          .countAll<string>()
          .filterWhere(
            eb.exists(
              eb
                .selectFrom("api_keys as k")
                .select("k.id")
                .whereRef("k.account_id", "=", "a.id")
                .where("k.disabled_at", "is", null)
                .where("k.revoked_at", "is", null),
            ),
          )
          .as("withUsableKeys"),
      ])
      .where("a.id", "in", oursTargets)
      .executeTakeFirstOrThrow();
    const compromise = {
      accounts: oursTargets.length,
      perAccount: "2 live sessions, 2 API keys, an owner to mail",
      ours: reportPhase,
      floor: barePhase,
      afterwards: {
        unsuspended: Number(alive.unsuspended),
        withLiveSessions: Number(alive.withLiveSessions),
        withUsableKeys: Number(alive.withUsableKeys),
      },
      oursVsFloor: {
        p50: ratio(reportPhase.p50Ms, barePhase.p50Ms),
        p99: ratio(reportPhase.p99Ms, barePhase.p99Ms),
      },
    };
    console.log("compromise", compromise);
    const problems = [
      ...(ingest.eventsStoredByOurs !== ingest.eventsAcknowledgedByOurs
        ? [
            `ingest: ${ingest.eventsStoredByOurs} events stored for ${ingest.eventsAcknowledgedByOurs} acknowledged`,
          ]
        : []),
      ...(ours.failed + floor.failed > 0 ? ["ingest: refused batches"] : []),
      ...(reportPhase.failed > 0 ? [`compromise: ${reportPhase.failed} reports not answered 201`] : []),
      ...Object.entries(compromise.afterwards)
        .filter(([, n]) => n > 0)
        .map(([what, n]) => `compromise: ${n} reported accounts ${what}`),
    ];

    const result = {
      benchmark: "REST ingest and compromise report",
      date: new Date().toISOString(),
      command: `pnpm bench:rest --seconds ${options.seconds} --concurrency ${options.concurrency} --accounts ${options.accounts} --reports ${options.reports} (in apps/api)`,
      machine: machine(),
      setup: {
        transport: "Express app on 127.0.0.1, fetch client in the same process",
        postgres: "throwaway embedded cluster (fsync off)",
      },
      ingest,
      compromise,
      problems,
    };
    const row = (name: string, p: Phase, unit: number) =>
      `| ${name} | ${(p.perSecond * unit).toLocaleString("en")} | ${p.p50Ms} | ${p.p99Ms} | ${p.n} | ${p.failed} |`;
    await writeResultFiles(
      options.resultsDir,
      "rest",
      result,
      [
        `# REST ingest and compromise report (${result.date.slice(0, 10)})`,
        "",
        `${result.machine.cpus} cores, load average ${result.machine.loadAverage.join(" / ")}; loopback.`,
        "",
        "| phase | per second | p50 ms | p99 ms | calls | refused |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        row(`activity ingest, events/s (${options.concurrency} in flight, batches of ${BATCH})`, ours, BATCH),
        row("floor: bare pg multi-row INSERT, events/s", floor, BATCH),
        row("compromise report → suspended (one at a time)", reportPhase, 1),
        row("floor: bare suspension transaction", barePhase, 1),
        "",
        problems.length
          ? problems.map((p) => `- ${p}`).join("\n")
          : "Checked: nothing lost, every reported account suspended.",
      ].join("\n"),
    );
    if (problems.length) {
      console.error(problems.join("\n"));
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
    await api.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
