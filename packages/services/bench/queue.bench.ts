/**
 * Queue, search and ticket-with-context benchmark (issue 13, "Tests and measurements"). From
 * packages/services:
 *
 *   pnpm bench:queue                       (node --conditions=@trustdesk/source bench/queue.bench.ts)
 *   pnpm bench:queue --tickets 50000       # a quick run
 *
 * On a throwaway embedded PostgreSQL (loopback only): seeds `--tickets` tickets (default
 * 1,000,000; three messages each) over a tenth as many accounts with set-based SQL
 * (generate_series; secondary indexes dropped during the load and rebuilt from their own definitions
 * afterwards), then runs each scenario with `--clients` concurrent clients (default 20): our
 * service call beside the fastest raw SQL for the same rows through `pg` (the floor: one
 * index-ordered keyset query), two alternating rounds each, p50/p99 and p99 ÷ floor p99.
 * Every loop is bounded by a count (`--calls` per scenario and round, default 400). Prints a table
 * and writes queue.json and queue.md to bench/results/ (or `--results-dir`).
 */

import { createDb, type Db, migrateToLatest } from "@trustdesk/db";
import { z } from "zod";
import {
  countTicketQueue,
  defaultServiceConfig,
  getAccountForStaff,
  getTicketForStaff,
  listTicketQueue,
  type ServiceDeps,
  searchTickets,
} from "../src/index.ts";
import {
  benchFlags,
  machine,
  markdownTable,
  type PgPool,
  pg,
  positiveInt,
  prng,
  quantile,
  RESULTS_DIR,
  withThrowawayPostgres,
  writeResultFiles,
} from "./harness.ts";

const settings = benchFlags({
  tickets: positiveInt(1_000_000),
  clients: positiveInt(20),
  calls: positiveInt(400),
  resultsDir: z.string().default(RESULTS_DIR),
});
const TICKETS = settings.tickets;
const ACCOUNTS = Math.max(10, Math.floor(TICKETS / 10));
const CLIENTS = settings.clients;
const CALLS_PER_ROUND = settings.calls;
const AGENTS = 20;

/** 300 sentences over a 600-word vocabulary; a message is four of them. */
function sentences(): string[] {
  const random = prng(7);
  const syllables = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tur",
    "sa",
    "vel",
    "dor",
    "pi",
    "quen",
    "bra",
    "nos",
    "tel",
    "gri",
    "fu",
  ];
  const vocab = Array.from({ length: 600 }, () => {
    const n = 2 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => syllables[Math.floor(random() * syllables.length)]).join("");
  });
  const common = [
    "webhook",
    "bounce",
    "delivery",
    "account",
    "suspended",
    "password",
    "domain",
    "invoice",
    "key",
  ];
  return Array.from({ length: 300 }, (_, i) => {
    const words = Array.from({ length: 8 }, () => vocab[Math.floor(random() * vocab.length)]);
    words.splice(3, 0, common[i % common.length] as string);
    return `${words.join(" ")}.`;
  });
}

async function seed(db: Db, connectionString: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  client.on("error", () => {}); // a failed statement rejects its own promise
  const q = (text: string, values?: unknown[]) => client.query(text, values);
  const timings: Record<string, number> = {};
  const step = async (name: string, text: string, values?: unknown[]) => {
    const started = performance.now();
    await q(text, values);
    timings[name] = Math.round(performance.now() - started);
    console.log(`  ${name}: ${(timings[name] / 1000).toFixed(1)} s`);
  };
  const started = performance.now();
  await q("set maintenance_work_mem = '1GB'; set max_parallel_maintenance_workers = 2; select setseed(0.42)");
  // Secondary indexes of the two big tables: dropped for the load, rebuilt after from their own DDL.
  const { rows: indexes } = await q(`
    select i.indexname, i.indexdef from pg_indexes i
     where i.tablename in ('tickets', 'ticket_messages') and i.schemaname = 'public'
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
  for (const { indexname } of indexes) await q(`drop index ${indexname}`);

  const id = (expr: string) => `lpad(to_hex(${expr}), 32, '0')::uuid`;
  await step(
    "staff",
    `insert into staff_users (id, email, name, role, password_hash)
     select ${id("i")}, 'agent' || i || '@bench.test', 'Agent ' || i, 'agent', 'x' from generate_series(1, ${AGENTS}) i`,
  );
  await step(
    "accounts",
    `insert into accounts (id, name, plan, created_at)
     select ${id("i")}, 'Account ' || i, (array['free','essentials','pro','premier'])[1 + i % 4],
            now() - (i % 700) * interval '1 day'
       from generate_series(1, ${ACCOUNTS}) i`,
  );
  await step(
    "customer users",
    `insert into customer_users (account_id, email, name, role, password_hash)
     select ${id("i")}, 'owner' || i || '@acct' || i || '.test', 'Owner ' || i, 'owner', 'x'
       from generate_series(1, ${ACCOUNTS}) i`,
  );
  await step(
    "api keys",
    `insert into api_keys (account_id, name, key_id, secret_hash)
     select ${id("i")}, 'Key', 'bk' || lpad(i::text, 20, '0'), sha256(i::text::bytea)
       from generate_series(1, ${ACCOUNTS}) i`,
  );
  await step(
    "enforcements + cases",
    `insert into cases (id, number, account_id, reason, summary)
     select ${id("i")}, 'TD-2026-' || lpad(i::text, 6, '0'), ${id(`i * 7 % ${ACCOUNTS} + 1`)}, 'manual', 'Bench case'
       from generate_series(1, ${Math.ceil(ACCOUNTS / 10)}) i;
     insert into enforcements (id, account_id, reason, policy_code, evidence, created_by_service, case_id)
     select ${id("i")}, ${id(`i * 7 % ${ACCOUNTS} + 1`)}, 'manual', 'manual.other',
            '{"reason":"manual","manualReason":"other","note":"Restricted for the benchmark."}', 'bench', ${id("i")}
       from generate_series(1, ${Math.ceil(ACCOUNTS / 10)}) i`,
  );
  // Status mix: ~25% open (new 5, open 12, pending 5, on hold 3), 5% solved, 70% closed; open
  // tickets are from the last 30 days, the rest from two years.
  await step(
    "tickets",
    `insert into tickets (account_id, category, subject, status, priority, tags, assignee_staff_id, case_id,
                          enforcement_id, escalated_at, first_response_at, clock_paused_ms, clock_paused_since,
                          created_at, updated_at, solved_at, closed_at)
     select ${id(`1 + (i::bigint * 7919) % ${ACCOUNTS}`)}, cat, s.subject, st, pri,
            case when r2 < 0.1 then array['billing'] when r2 < 0.12 then array['vip','billing'] else '{}' end,
            case when st in ('new','open','pending_customer','on_hold') and r2 < 0.6 then ${id(`1 + i % ${AGENTS}`)} end,
            case when cat <> 'other' and r2 < 0.3 then ${id(`1 + i % ${Math.ceil(ACCOUNTS / 10)}`)} end,
            case when cat <> 'other' and r2 < 0.3 then ${id(`1 + i % ${Math.ceil(ACCOUNTS / 10)}`)} end,
            case when cat = 'account_takeover' and r2 < 0.2 then created end,
            case when st in ('new') or (st = 'open' and r2 < 0.5) then null else created + interval '3 hours' end,
            case when r2 > 0.8 then 3600000 else 0 end,
            case when st in ('pending_customer','on_hold') then created + interval '4 hours' end,
            created, created,
            case when st = 'solved' then created + interval '1 day' end,
            case when st = 'closed' then created + interval '2 days' end
       from (
         select i, r2,
                (array['account_takeover','signup_vetting','dormant_account','exposed_credentials','other'])[1 + (i % 5)] as cat,
                case when r < 0.05 then 'new' when r < 0.17 then 'open' when r < 0.22 then 'pending_customer'
                     when r < 0.25 then 'on_hold' when r < 0.30 then 'solved' else 'closed' end as st,
                case when r2 < 0.02 then 'urgent' when r2 < 0.15 then 'high' when r2 < 0.95 then 'normal' else 'low' end as pri,
                case when r < 0.25 then now() - r3 * interval '30 days' else now() - interval '30 days' - r3 * interval '700 days' end as created
           from (select i, random() as r, random() as r2, random() as r3 from generate_series(1, ${TICKETS}) i) x
       ) t
       cross join lateral (select 'Ticket ' || i || ': ' || ($1::text[])[1 + (i % 300)] as subject) s`,
    [sentences()],
  );
  await step(
    "messages",
    `insert into ticket_messages (ticket_id, author_customer_user_id, author_staff_id, visibility, body, created_at)
     select t.id, null, case when k = 2 then ${id(`1 + (t.number % ${AGENTS})`)} end,
            case when k = 3 and t.number % 3 = 0 then 'internal' else 'public' end,
            s[1 + (t.number * k) % 300] || ' ' || s[1 + (t.number * 7 + k * 13) % 300] || ' ' ||
            s[1 + (t.number * 11 + k) % 300] || ' ' || s[1 + (t.number * 17 + k * 5) % 300] ||
            case when (t.number * 3 + k) % 1000 = 0 then ' kerfuffle with the sending quota' else '' end,
            t.created_at + k * interval '1 hour'
       from tickets t, generate_series(1, 3) k, (select $1::text[] as s) v`,
    [sentences()],
  );
  const rebuild = performance.now();
  for (const { indexname, indexdef } of indexes) {
    const s = performance.now();
    await q(indexdef);
    console.log(`  index ${indexname}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
  }
  timings.indexes = Math.round(performance.now() - rebuild);
  await step("vacuum analyze", "vacuum analyze");
  const total = Math.round(performance.now() - started);
  const { rows: sizes } = await q(`select pg_size_pretty(pg_database_size(current_database())) as size,
     (select count(*) from tickets) as tickets, (select count(*) from ticket_messages) as messages,
     (select count(*) from tickets where queue_rank <= 3) as open`);
  await client.end();
  void db;
  return { timingsMs: timings, totalSeconds: Math.round(total / 100) / 10, ...sizes[0] };
}

// ---------------------------------------------------------------------------------------------

async function measure(calls: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < calls) {
        const i = next++;
        const started = performance.now();
        await fn(i);
        samples.push(performance.now() - started);
      }
    }),
  );
  return samples;
}

interface Scenario {
  name: string;
  ours: (i: number) => Promise<unknown>;
  floor: (i: number) => Promise<unknown>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function main() {
  const runStarted = performance.now();
  await withThrowawayPostgres("queue", async (server, onCleanup) => {
    const db: Db = createDb({
      connectionString: server.connectionString,
      maxConnections: CLIENTS,
      applicationName: "bench",
    });
    onCleanup(() => db.destroy());
    await migrateToLatest(db);
    console.log(
      `Seeding ${TICKETS.toLocaleString("en")} tickets, ${(3 * TICKETS).toLocaleString("en")} messages, ${ACCOUNTS.toLocaleString("en")} accounts…`,
    );
    const seeded = await seed(db, server.connectionString);
    console.log(`seeded in ${seeded.totalSeconds} s (${seeded.size})`);

    const raw: PgPool = new pg.Pool({ connectionString: server.connectionString, max: CLIENTS });
    onCleanup(() => raw.end());
    const deps: ServiceDeps = {
      db,
      now: () => new Date(),
      config: {
        ...defaultServiceConfig,
        secretKey: "bench-secret-key-0123456789abcdef-0123456789",
        publicUrl: "http://127.0.0.1",
      },
    };
    const agent = (i: number) =>
      `${(1 + (i % AGENTS))
        .toString(16)
        .padStart(32, "0")
        .replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-")}`;
    const names = `a.name as account_name, a.plan, s.name as assignee_name`;
    const cols = `t.id, t.number, t.subject, t.category, t.status, t.priority, t.tags, t.created_at, t.escalated_at,
      t.first_response_at, t.clock_paused_ms, t.clock_paused_since, t.account_id, t.assignee_staff_id, t.queue_rank, t.clock_origin`;
    const floorView = (where: string, order = "t.queue_rank, t.clock_origin, t.id") =>
      `select ${cols}, ${names} from (select * from tickets t where ${where} order by ${order} limit 51) t
         join accounts a on a.id = t.account_id left join staff_users s on s.id = t.assignee_staff_id order by ${order}`;
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000);

    // A deep page: the cursor after four pages of the open view.
    let deep: string | null = null;
    for (let p = 0; p < 4; p++)
      deep = (await listTicketQueue(deps, { staffId: agent(0) }, { view: "open", cursor: deep })).nextCursor;
    const deepKey = await raw.query(
      `select queue_rank, clock_origin, id from tickets where queue_rank <= 3 order by queue_rank, clock_origin, id offset 199 limit 1`,
    );
    const dk = deepKey.rows[0];
    const sample = await raw.query(
      `select t.number, t.account_id, u.email from tickets t join customer_users u on u.account_id = t.account_id
        where t.queue_rank <= 3 order by t.number limit 200`,
    );
    const pick = (i: number) => sample.rows[i % sample.rows.length];

    const scenarios: Scenario[] = [
      {
        name: "view open (needs answer), page 1",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "open" }),
        floor: () => raw.query(floorView("t.queue_rank <= 3")),
      },
      {
        name: "view open, page 5 (keyset)",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "open", cursor: deep }),
        floor: () =>
          raw.query(floorView("t.queue_rank <= 3 and (t.queue_rank, t.clock_origin, t.id) > ($1, $2, $3)"), [
            dk.queue_rank,
            dk.clock_origin,
            dk.id,
          ]),
      },
      {
        name: "view mine",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "mine" }),
        floor: (i) => raw.query(floorView("t.assignee_staff_id = $1 and t.queue_rank <= 3"), [agent(i)]),
      },
      {
        name: "view unassigned",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "unassigned" }),
        floor: () => raw.query(floorView("t.assignee_staff_id is null and t.queue_rank <= 3")),
      },
      {
        name: "view category (exposed credentials)",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "category:exposed_credentials" }),
        floor: () => raw.query(floorView("t.category = 'exposed_credentials' and t.queue_rank <= 3")),
      },
      {
        name: "view escalated",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "escalated" }),
        floor: () => raw.query(floorView("t.escalated_at is not null and t.queue_rank in (0, 2, 3)")),
      },
      {
        name: "view breaching (24 h)",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "breaching" }),
        floor: () =>
          raw.query(
            floorView(
              "t.first_response_at is null and t.status in ('new', 'open') and t.queue_rank <= 1 and t.clock_origin <= $1 and t.clock_origin > $2",
            ),
            [at(24), at(48)],
          ),
      },
      {
        name: "view breached (48 h)",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "breached" }),
        floor: () =>
          raw.query(
            floorView(
              "t.first_response_at is null and t.status in ('new', 'open') and t.queue_rank <= 1 and t.clock_origin <= $1",
            ),
            [at(48)],
          ),
      },
      {
        name: "view pending customer",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "pending_customer" }),
        floor: () => raw.query(floorView("t.queue_rank = 2")),
      },
      {
        name: "view all, newest first",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "all", sort: "newest" }),
        floor: () => raw.query(floorView("true", "t.number desc")),
      },
      {
        name: "view open + filter tag 'vip'",
        ours: (i) => listTicketQueue(deps, { staffId: agent(i) }, { view: "open", filters: { tag: "vip" } }),
        floor: () => raw.query(floorView("t.queue_rank <= 3 and 'vip' = any(t.tags)")),
      },
      {
        name: "counts of every view",
        ours: (i) => countTicketQueue(deps, { staffId: agent(i) }),
        floor: (i) =>
          raw.query(
            `select count(*) filter (where queue_rank <= 3), count(*) filter (where queue_rank <= 3 and assignee_staff_id = $1),
                    count(*) filter (where queue_rank <= 3 and assignee_staff_id is null),
                    count(*) filter (where queue_rank in (0,2,3) and escalated_at is not null),
                    count(*) filter (where queue_rank <= 1 and first_response_at is null and clock_origin <= $2 and clock_origin > $3),
                    count(*) filter (where queue_rank <= 1 and first_response_at is null and clock_origin <= $3),
                    count(*) filter (where queue_rank = 2), count(*) filter (where queue_rank = 3), count(*) filter (where queue_rank = 4),
                    count(*), count(*) filter (where queue_rank <= 3 and category = 'account_takeover'),
                    count(*) filter (where queue_rank <= 3 and category = 'signup_vetting'),
                    count(*) filter (where queue_rank <= 3 and category = 'dormant_account'),
                    count(*) filter (where queue_rank <= 3 and category = 'exposed_credentials'),
                    count(*) filter (where queue_rank <= 3 and category = 'other'),
                    (select count(*) from (select 1 from tickets where queue_rank = 5 limit 100000) c)
               from tickets where queue_rank <= 4`,
            [agent(i), at(24), at(48)],
          ),
      },
      {
        name: "search: rare word (~0.1% of messages)",
        ours: () => searchTickets(deps, { query: "kerfuffle" }),
        floor: () =>
          raw.query(
            `with q as (select websearch_to_tsquery('english', 'kerfuffle') as query),
             best as (select distinct on (m.ticket_id) m.ticket_id, ts_rank(m.search_vector, q.query) as rank, m.body
                        from ticket_messages m, q where m.search_vector @@ q.query and m.visibility in ('public','internal')
                       order by m.ticket_id, rank desc)
             select ${cols}, ${names}, ts_headline('english', b.body, q.query)
               from (select * from best order by rank desc, ticket_id desc limit 51) b cross join q
               join tickets t on t.id = b.ticket_id join accounts a on a.id = t.account_id
               left join staff_users s on s.id = t.assignee_staff_id order by b.rank desc, t.id desc`,
          ),
      },
      {
        name: "search: ticket number",
        ours: (i) => searchTickets(deps, { query: `#${pick(i).number}` }),
        floor: (i) =>
          raw.query(
            `select ${cols}, ${names} from tickets t join accounts a on a.id = t.account_id
               left join staff_users s on s.id = t.assignee_staff_id where t.number = $1`,
            [pick(i).number],
          ),
      },
      {
        name: "search: customer email",
        ours: (i) => searchTickets(deps, { query: pick(i).email }),
        floor: (i) =>
          raw.query(
            `select ${cols}, ${names} from tickets t join accounts a on a.id = t.account_id
               left join staff_users s on s.id = t.assignee_staff_id
              where t.account_id = (select account_id from customer_users where email = $1)
              order by t.number desc limit 51`,
            [pick(i).email],
          ),
      },
      {
        name: "ticket with context (ticket + account view)",
        ours: async (i) => {
          const ticket = await getTicketForStaff(deps, { number: Number(pick(i).number) });
          return getAccountForStaff(deps, ticket.account.id, { staffId: agent(i), role: "agent" as const });
        },
        floor: async (i) => {
          const { number, account_id } = pick(i);
          await Promise.all([
            raw.query(
              `select t.*, a.name, a.plan, c.number, e.reason from tickets t join accounts a on a.id = t.account_id
                 left join cases c on c.id = t.case_id left join enforcements e on e.id = t.enforcement_id where t.number = $1`,
              [number],
            ),
            raw.query(
              `select m.*, s.name from ticket_messages m left join staff_users s on s.id = m.author_staff_id
                where m.ticket_id = (select id from tickets where number = $1) order by m.created_at, m.id`,
              [number],
            ),
            raw.query(`select * from customer_users where account_id = $1`, [account_id]),
            raw.query(`select * from api_keys where account_id = $1`, [account_id]),
            raw.query(`select * from enforcements where account_id = $1`, [account_id]),
            raw.query(`select * from cases where account_id = $1`, [account_id]),
            raw.query(`select * from tickets where account_id = $1 order by created_at desc limit 50`, [
              account_id,
            ]),
          ]);
        },
      },
    ];

    const results: Record<string, Record<string, number>> = {};
    for (const s of scenarios) {
      await measure(CLIENTS * 2, s.ours); // warm-up
      await measure(CLIENTS * 2, s.floor);
      const ours: number[] = [];
      const floor: number[] = [];
      for (let r = 0; r < 2; r++) {
        floor.push(...(await measure(CALLS_PER_ROUND / 2, s.floor)));
        ours.push(...(await measure(CALLS_PER_ROUND / 2, s.ours)));
      }
      ours.sort((a, b) => a - b);
      floor.sort((a, b) => a - b);
      results[s.name] = {
        "ours p50 ms": round2(quantile(ours, 0.5)),
        "ours p99 ms": round2(quantile(ours, 0.99)),
        "floor p50 ms": round2(quantile(floor, 0.5)),
        "floor p99 ms": round2(quantile(floor, 0.99)),
        "p99 ÷ floor": round2(quantile(ours, 0.99) / quantile(floor, 0.99)),
        n: ours.length,
      };
      console.log(s.name, results[s.name]);
    }

    const result = {
      benchmark: "ticket queue, search and ticket with context",
      date: new Date().toISOString(),
      command: `pnpm bench:queue --tickets ${TICKETS} --clients ${CLIENTS} --calls ${CALLS_PER_ROUND} (in packages/services)`,
      machine: machine(),
      setup: { tickets: TICKETS, accounts: ACCOUNTS, clients: CLIENTS, callsPerScenario: CALLS_PER_ROUND },
      seeding: seeded,
      scenarios: results,
      totalSeconds: Math.round((performance.now() - runStarted) / 1000),
    };
    const heading = `Queue benchmark: ${TICKETS.toLocaleString("en")} tickets, ${CLIENTS} clients, seeded in ${seeded.totalSeconds} s`;
    const written = await writeResultFiles(
      settings.resultsDir,
      "queue",
      result,
      `${heading}\n\n${markdownTable(results, "scenario")}`,
    );
    console.log(`\n${heading}\n`);
    console.table(results);
    console.log(`written to ${written.join(", ")} in ${result.totalSeconds} s`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
