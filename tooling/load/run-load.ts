import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { generate } from "otplib";
import pg from "pg";
import { z } from "zod";
import { signUpCustomers } from "./customers.ts";
import { killWorkerDuringDormancyScan } from "./fault-dormancy.ts";
import { killExposureScan } from "./fault-exposure.ts";
import { smtpDownThenUp } from "./fault-smtp.ts";
import { count, log, outboxDrained, type Phase, phases, problems, recordFault } from "./harness.ts";
import { HttpSession } from "./http-session.ts";
import { checkMail, describeMail, mailProblems } from "./mail-check.ts";
import { type Product, startProduct } from "./product.ts";
import { type SmtpSink, startSmtpSink } from "./smtp-sink.ts";
import { compareTopologies } from "./topologies.ts";

/**
 * `pnpm test:load`: the built product on its own embedded PostgreSQL, loaded from loopback with
 * autocannon — customers opening tickets and replying, agents reading the queue, an internal system
 * ingesting activity batches — then faults: the API SIGKILLed in the middle of ticket creation
 * (clients retry with their idempotency keys), PostgreSQL stopped and started under load, the SMTP
 * server down then up, the exposure scan SIGKILLed, a worker SIGKILLed in the middle of the dormancy
 * scan, and the same workload on two API instances and two workers as on one. Every count is checked
 * from the database (and the harness's SMTP server) afterwards: nothing acknowledged lost, nothing
 * doubled. Bounded: each phase has a fixed amount or duration and stops by itself.
 * `--phases load,smtp-outage` (or LOAD_PHASES) runs only some of them.
 */
const PHASES = [
  "load",
  "api-kill",
  "db-restart",
  "smtp-outage",
  "exposure-kill",
  "dormancy-kill",
  "two-instances",
] as const;
type PhaseName = (typeof PHASES)[number];

const Options = z.object({
  LOAD_CUSTOMERS: z.coerce.number().int().min(2).max(500).default(60),
  LOAD_SECONDS: z.coerce.number().int().min(2).max(120).default(10),
  LOAD_CONNECTIONS: z.coerce.number().int().min(1).max(200).default(16),
  LOAD_DORMANCY_ACCOUNTS: z.coerce.number().int().min(1000).max(1_000_000).default(30_000),
  LOAD_EXPOSURE_MB: z.coerce.number().int().min(1).max(1024).default(32),
  LOAD_EXPOSURE_KEYS: z.coerce.number().int().min(4).max(200).default(40),
  LOAD_PHASES: z
    .string()
    .default(PHASES.join(","))
    .transform((v) =>
      v
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(PHASES, { error: `phases are ${PHASES.join(", ")}` })).min(1)),
});
// `--phases a,b` on the command line wins over LOAD_PHASES.
const argv = parseArgs({ options: { phases: { type: "string" } }, strict: true });
const options = Options.parse({
  ...process.env,
  ...(argv.values.phases ? { LOAD_PHASES: argv.values.phases } : {}),
});
const selected = new Set<PhaseName>(options.LOAD_PHASES);

const DEMO_PASSWORD = "correct-horse-battery-staple";
const DEMO_AGENT = { email: "agent@trustdesk.test", totpSecret: "JBSWY3DPEHPK3PXPAGENTAGENTAGENT2" };

function record(name: string, r: autocannon.Result, check: string, expectedNon2xx = 0) {
  const phase: Phase = {
    name,
    requests: r.requests.total,
    ok: r["2xx"],
    throughput: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    check,
  };
  phases.push(phase);
  if (phase.errors > 0 || phase.non2xx > expectedNon2xx) {
    problems.push(`${name}: ${phase.errors} errors/timeouts, ${phase.non2xx} non-2xx answers`);
  }
  log(
    `${name}: ${phase.requests} requests, ${phase.throughput.toFixed(0)} req/s, p50 ${phase.p50} ms, p99 ${phase.p99} ms`,
  );
}

/** Logs the first refused answer of a phase, so a non-2xx count comes with its reason. */
function sampleFailure(phase: string) {
  let logged = false;
  return (status: number, body: string) => {
    if (status >= 300 && !logged) {
      logged = true;
      log(`${phase}: first refused answer ${status}: ${body.slice(0, 300)}`);
    }
  };
}

/** The product most phases share (the dormancy fault and the topology comparison start their own). */
interface Shared {
  product: Product;
  db: pg.Pool;
  smtp: SmtpSink;
  customers(): Promise<HttpSession[]>;
  agent(): Promise<HttpSession>;
}

async function startShared(): Promise<Shared> {
  const smtp = await startSmtpSink();
  const product = await startProduct(log, { smtpUrl: smtp.url });
  const db = new pg.Pool({ connectionString: product.databaseUrl, max: 4 });
  // The database restart phase ends idle connections on purpose; the pool reconnects on next use.
  db.on("error", () => undefined);
  let customers: Promise<HttpSession[]> | null = null;
  let agent: Promise<HttpSession> | null = null;
  return {
    product,
    db,
    smtp,
    customers: () => {
      customers ??= signUpCustomers(() => product.url, db, options.LOAD_CUSTOMERS, "load").then((c) => {
        log(`${c.length} customers signed up through the emailed link.`);
        return c;
      });
      return customers;
    },
    agent: () => {
      agent ??= (async () => {
        const s = new HttpSession(product.url, "10.78.0.1");
        await s.open();
        await s.mutate("staff.auth.signIn", { email: DEMO_AGENT.email, password: DEMO_PASSWORD });
        await s.mutate("staff.auth.verifySecondFactor", {
          code: await generate({ secret: DEMO_AGENT.totpSecret }),
        });
        return s;
      })();
      return agent;
    },
  };
}

async function main() {
  log(
    `Phases: ${[...selected].join(", ")} (${options.LOAD_CUSTOMERS} customers, ${options.LOAD_SECONDS} s load phases)…`,
  );
  const sharedPhases: PhaseName[] = ["load", "api-kill", "db-restart", "smtp-outage", "exposure-kill"];
  if (sharedPhases.some((p) => selected.has(p))) {
    const shared = await startShared();
    try {
      if (selected.has("load")) await loadPhases(shared);
      if (selected.has("api-kill"))
        await killDuringTicketCreation(shared.product, shared.db, await shared.customers());
      if (selected.has("db-restart")) await restartDatabaseUnderLoad(shared.product, await shared.agent());
      if (selected.has("smtp-outage")) await smtpDownThenUp(shared.db, shared.smtp, await shared.customers());
      if (selected.has("exposure-kill"))
        await killExposureScan(shared.product, shared.db, await shared.customers(), {
          megabytes: options.LOAD_EXPOSURE_MB,
          keys: options.LOAD_EXPOSURE_KEYS,
        });
      // Whatever the phases sent: every mail of the shared product delivered exactly once.
      // (A mail the SIGKILLed API's worker had claimed is sent after its 120 s lease: not waited for.)
      const draining = performance.now();
      await outboxDrained(shared.db, 90_000, selected.has("api-kill"));
      const mail = await checkMail(shared.db, shared.smtp);
      problems.push(...mailProblems("mail of the shared product", mail, selected.has("api-kill")));
      recordFault(
        "every mail of the phases above",
        draining,
        describeMail(mail),
        mail.rows,
        mail.deliveredOnce,
      );
    } finally {
      await shared.db.end();
      await shared.product.stop();
      await shared.smtp.down();
    }
  }
  if (selected.has("dormancy-kill")) await killWorkerDuringDormancyScan(options.LOAD_DORMANCY_ACCOUNTS);
  if (selected.has("two-instances")) await compareTopologies(Math.min(options.LOAD_DORMANCY_ACCOUNTS, 5000));
  report();
}

/** Customers open tickets and reply, agents read the queue, an internal system ingests activity. */
async function loadPhases({ product, db, customers: signedUp, agent: staff }: Shared) {
  {
    const customers = await signedUp();
    // 1. Customers open tickets: 15 each (the limit is 20 an hour per person), each with its own key.
    const perCustomer = 15;
    let opened = 0;
    const open = await autocannon({
      url: product.url,
      connections: options.LOAD_CONNECTIONS,
      amount: customers.length * perCustomer,
      requests: [
        {
          method: "POST",
          path: "/trpc/customer.tickets.open",
          onResponse: sampleFailure("customers open tickets"),
          setupRequest: (req) => {
            const i = opened++;
            const s = customers[i % customers.length] as HttpSession;
            return {
              ...req,
              headers: s.headers(),
              body: JSON.stringify({
                category: "other",
                subject: `Load ticket ${i}`,
                body: "Opened by the load test: bounces from one provider since this morning.",
                idempotencyKey: `load-open-${i}`,
              }),
            };
          },
        },
      ],
    });
    const ticketRows = await count(db, "select count(*) n from tickets where subject like 'Load ticket %'");
    record(
      "customers open tickets",
      open,
      `${ticketRows} tickets in the database for ${open["2xx"]} acknowledged`,
    );
    if (ticketRows !== open["2xx"])
      problems.push(`tickets: ${ticketRows} rows for ${open["2xx"]} acknowledged`);

    // 2. Customers reply on their tickets.
    const mine = await db.query<{ id: string; email: string }>(
      `select t.id, u.email from tickets t join customer_users u on u.id = t.opened_by_user_id
        where t.subject like 'Load ticket %'`,
    );
    const byEmail = new Map<string, string>();
    for (const row of mine.rows) byEmail.set(row.email, row.id);
    const ticketOf = customers.map((_, i) => byEmail.get(`load-${i}@load-${i}.test`) as string);
    const messagesBefore = await count(db, "select count(*) n from ticket_messages");
    let replied = 0;
    const reply = await autocannon({
      url: product.url,
      connections: options.LOAD_CONNECTIONS,
      amount: customers.length * 30,
      requests: [
        {
          method: "POST",
          path: "/trpc/customer.tickets.reply",
          onResponse: sampleFailure("customers reply"),
          setupRequest: (req) => {
            const i = replied++;
            const k = i % customers.length;
            return {
              ...req,
              headers: (customers[k] as HttpSession).headers(),
              body: JSON.stringify({
                ticketId: ticketOf[k],
                body: `Follow-up ${i} from the load test.`,
                idempotencyKey: `load-reply-${i}`,
                attachments: [],
              }),
            };
          },
        },
      ],
    });
    const newMessages = (await count(db, "select count(*) n from ticket_messages")) - messagesBefore;
    record("customers reply", reply, `${newMessages} messages written for ${reply["2xx"]} acknowledged`);
    if (newMessages !== reply["2xx"])
      problems.push(`replies: ${newMessages} rows for ${reply["2xx"]} acknowledged`);

    // 3. Agents read the queue (the default view and the view counts), for a fixed time.
    const agent = await staff();
    const queue = await autocannon({
      url: product.url,
      connections: options.LOAD_CONNECTIONS,
      duration: options.LOAD_SECONDS,
      requests: [
        { method: "GET", path: "/trpc/staff.queue.list", headers: agent.headers() },
        { method: "GET", path: "/trpc/staff.queue.counts", headers: agent.headers() },
      ],
    });
    record("agents read the queue", queue, "list + counts, alternating");

    // 4. An internal system ingests activity in batches of 100 events.
    // The command prints the token once, indented on its own line after a blank one.
    const created = await product.cli("service-token:create", "--name", "load", "--scopes", "activity:write");
    const serviceToken = /:\n\n\s+(\S+)\n/.exec(created)?.[1];
    if (!serviceToken) throw new Error(`no service token in: ${created}`);
    const accounts = (await db.query<{ id: string }>("select id from accounts")).rows.map((r) => r.id);
    let batch = 0;
    const eventsBefore = await count(db, "select count(*) n from activity_events");
    const ingest = await autocannon({
      url: product.url,
      connections: Math.min(options.LOAD_CONNECTIONS, 8),
      // A fixed amount, not a duration: requests still in flight when a duration ends are not
      // counted by the load generator but are by the server, and the check compares the two.
      amount: 40 * options.LOAD_SECONDS,
      requests: [
        {
          method: "POST",
          path: "/v1/activity",
          onResponse: sampleFailure("activity ingest"),
          setupRequest: (req) => {
            const b = batch++;
            const events = Array.from({ length: 100 }, (_, i) => ({
              eventId: `load-${b}-${i}`,
              accountId: accounts[(b + i) % accounts.length],
              kind: i % 3 === 0 ? "api_call" : "mail_sent",
              occurredAt: new Date().toISOString(),
              quantity: 1 + (i % 5),
            }));
            return {
              ...req,
              headers: { authorization: `Bearer ${serviceToken}`, "content-type": "application/json" },
              body: JSON.stringify({ events }),
            };
          },
        },
      ],
    });
    const events = (await count(db, "select count(*) n from activity_events")) - eventsBefore;
    record(
      "activity ingest (100 events a batch)",
      ingest,
      `${events} events stored for ${ingest["2xx"]} batches`,
    );
    if (events !== ingest["2xx"] * 100)
      problems.push(`activity: ${events} events for ${ingest["2xx"]} batches`);
  }
}

/**
 * The API is SIGKILLed while customers open tickets; each client retries its own request (same
 * idempotency key) until it is acknowledged. Afterwards every acknowledged ticket exists once.
 */
async function killDuringTicketCreation(product: Product, db: pg.Pool, customers: HttpSession[]) {
  const clients = customers.slice(0, Math.min(20, customers.length));
  // The earlier phase used 15 of each customer's 20 tickets an hour: 4 more each, well inside it.
  const perClient = 4;
  const acknowledged = new Set<string>();
  let retries = 0;
  const started = Date.now();
  const work = clients.map(async (s, c) => {
    for (let i = 0; i < perClient; i++) {
      const key = `fault-kill-${c}-${i}`;
      for (;;) {
        const reply = await s
          .mutate("customer.tickets.open", {
            category: "other",
            subject: `Fault ticket ${c}-${i}`,
            body: "Opened while the API is killed and restarted.",
            idempotencyKey: key,
          })
          .catch(() => ({ status: 0 }));
        if (reply.status === 200) break;
        retries++;
        await new Promise((r) => setTimeout(r, 200));
      }
      acknowledged.add(key);
    }
  });
  // Kill once the first tickets are acknowledged, so the rest are in flight or not yet sent.
  while (acknowledged.size < 1) await new Promise((r) => setTimeout(r, 10));
  product.kill();
  log("API SIGKILLed in the middle of ticket creation; restarting it…");
  await product.restart();
  await Promise.all(work);
  const rows = await count(db, "select count(*) n from tickets where subject like 'Fault ticket %'");
  const distinct = await count(
    db,
    "select count(distinct subject) n from tickets where subject like 'Fault ticket %'",
  );
  phases.push({
    name: "fault: API SIGKILLed during ticket creation",
    requests: acknowledged.size + retries,
    ok: acknowledged.size,
    throughput: acknowledged.size / ((Date.now() - started) / 1000),
    p50: 0,
    p99: 0,
    errors: 0,
    non2xx: retries,
    check: `${acknowledged.size} acknowledged after ${retries} retries; ${rows} rows, ${distinct} distinct`,
  });
  if (rows !== acknowledged.size || distinct !== rows) {
    problems.push(`kill fault: ${rows} rows (${distinct} distinct) for ${acknowledged.size} acknowledged`);
  }
}

/** PostgreSQL stopped under load: /readyz goes red, then green again once it is back — no API restart. */
async function restartDatabaseUnderLoad(product: Product, agent: HttpSession) {
  // While the database is away the API must answer 503 "try again" — never a 500, never crash.
  let other5xx = 0;
  let unavailable = 0;
  const load = autocannon({
    url: product.url,
    connections: 4,
    duration: 6,
    requests: [
      {
        method: "GET",
        path: "/trpc/staff.queue.counts",
        headers: agent.headers(),
        onResponse: (status: number) => {
          if (status === 503) unavailable++;
          else if (status >= 500) other5xx++;
        },
      },
    ],
  });
  await new Promise((r) => setTimeout(r, 1000));
  await product.cli("db:stop");
  let red = false;
  for (let i = 0; i < 50 && !red; i++) {
    red = (await product.readyz()) !== 200;
    if (!red) await new Promise((r) => setTimeout(r, 100));
  }
  // Any command of the command line brings the checkout's cluster back up (as `pnpm start` would).
  await product.cli("migrate");
  let green = false;
  const back = Date.now();
  for (let i = 0; i < 300 && !green; i++) {
    green = (await product.readyz()) === 200;
    if (!green) await new Promise((r) => setTimeout(r, 100));
  }
  const recoveredIn = Date.now() - back;
  const r = await load;
  const after = await agent.query("staff.queue.counts");
  phases.push({
    name: "fault: PostgreSQL stopped and started under load",
    requests: r.requests.total,
    ok: r["2xx"],
    throughput: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    check: `/readyz red: ${red}, green again ${recoveredIn} ms after restart: ${green}; ${unavailable} answered 503 while it was away, ${other5xx} other 5xx; next call ${after.status}`,
  });
  if (!red || !green || after.status !== 200)
    problems.push("database restart: the API did not recover by itself");
  if (other5xx > 0) problems.push(`database restart: ${other5xx} answers were 5xx other than 503`);
}

function report() {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const rows = phases.map(
    (p) =>
      `| ${p.name} | ${p.requests} | ${p.throughput ? p.throughput.toFixed(0) : ""} | ${p.p50 || ""} | ${p.p99 || ""} | ${p.errors} | ${p.non2xx} | ${p.seconds === undefined ? "" : p.seconds.toFixed(1)} | ${p.check} |`,
  );
  const md = [
    `# Load and faults — ${new Date().toISOString()}`,
    "",
    `Machine: ${machine}. Load generator, API and PostgreSQL share it (loopback).`,
    `Options: ${JSON.stringify(options)}. Reproduce: \`pnpm test:load\`.`,
    "",
    "| phase | requests | req/s | p50 ms | p99 ms | errors | non-2xx | time s | checked in the database |",
    "| --- | --: | --: | --: | --: | --: | --: | --: | --- |",
    ...rows,
    "",
    problems.length
      ? `**Problems:**\n${problems.map((p) => `- ${p}`).join("\n")}`
      : "No errors; every count matches.",
    "",
  ].join("\n");
  const dir = join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "latest.md"), md);
  writeFileSync(join(dir, "latest.json"), JSON.stringify({ machine, options, phases, problems }, null, 2));
  console.log(md);
  if (problems.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
