import pg from "pg";
import { signUpCustomers } from "./customers.ts";
import { seedIdleAccounts } from "./dormancy-seed.ts";
import { count, expectEqual, log, outboxDrained, problems, recordFault, waitUntil } from "./harness.ts";
import type { HttpSession } from "./http-session.ts";
import { type ProductProcess, startProduct } from "./product.ts";
import { startSmtpSink } from "./smtp-sink.ts";

const CUSTOMERS = 12;
const TICKETS = 4;
const REPLIES = 4;
const BATCHES = 20;

export interface TopologyOptions {
  /** API instances: one runs the jobs itself (WORKER=embedded); more serve HTTP only (WORKER=off). */
  apis: number;
  /** Separate `trustdesk worker` processes (with WORKER=off). */
  workers: number;
  idleAccounts: number;
}

type Counts = Record<string, number>;

/**
 * One fixed workload against one topology, on a fresh product: customers sign up, open tickets and
 * reply — every request sent twice with its idempotency key, to two instances when there are two
 * (a client's retry landing elsewhere) —, activity batches (each also sent twice), the daily
 * dormancy scan through the queue, and every mail delivered. Returns what the database and the SMTP
 * server hold afterwards.
 */
async function runTopology(o: TopologyOptions): Promise<Counts> {
  const smtp = await startSmtpSink();
  const product = await startProduct(log, {
    worker: o.apis > 1 || o.workers > 0 ? "off" : "embedded",
    smtpUrl: smtp.url,
  });
  const db = new pg.Pool({ connectionString: product.databaseUrl, max: 4 });
  const workers: ProductProcess[] = [];
  try {
    const urls = [product.url];
    for (let i = 1; i < o.apis; i++) urls.push((await product.startApi()).url);
    for (let i = 0; i < o.workers; i++) workers.push(product.startWorker());
    const at = (i: number) => urls[i % urls.length] as string;
    const customers = await signUpCustomers(at, db, CUSTOMERS, "topo");
    const twice = async (s: HttpSession, i: number, path: string, input: unknown) => {
      const first = await s.via(at(i)).mutate<{ id?: string; ticketId?: string }>(path, input);
      const again = await s.via(at(i + 1)).mutate<{ id?: string; ticketId?: string }>(path, input);
      if (first.status !== 200 || again.status !== 200)
        problems.push(`${path} answered ${first.status}, then ${again.status} to the retry`);
      return first.data;
    };
    const ticketIds: string[] = [];
    await Promise.all(
      customers.map(async (s, c) => {
        for (let t = 0; t < TICKETS; t++) {
          const opened = await twice(s, c + t, "customer.tickets.open", {
            category: "other",
            subject: `Topology ticket ${c}-${t}`,
            body: "The same workload on one instance and on two.",
            idempotencyKey: `topo-open-${c}-${t}`,
          });
          if (t === 0) ticketIds[c] = (opened?.id ?? opened?.ticketId) as string;
        }
        for (let r = 0; r < REPLIES; r++)
          await twice(s, c + r, "customer.tickets.reply", {
            ticketId: ticketIds[c],
            body: `Reply ${r} of the topology workload.`,
            idempotencyKey: `topo-reply-${c}-${r}`,
            attachments: [],
          });
      }),
    );
    const created = await product.cli(
      "service-token:create",
      "--name",
      "topology",
      "--scopes",
      "activity:write",
    );
    const token = /:\n\n\s+(\S+)\n/.exec(created)?.[1];
    const accounts = (
      await db.query<{ id: string }>("select id from accounts where name not like 'Idle %' order by name")
    ).rows.map((r) => r.id);
    for (let b = 0; b < BATCHES; b++) {
      const body = JSON.stringify({
        events: Array.from({ length: 100 }, (_, i) => ({
          eventId: `topo-${b}-${i}`,
          accountId: accounts[(b + i) % accounts.length],
          kind: i % 3 === 0 ? "api_call" : "mail_sent",
          occurredAt: new Date().toISOString(),
          quantity: 1 + (i % 5),
        })),
      });
      for (const url of [at(b), at(b + 1)]) {
        const r = await fetch(`${url}/v1/activity`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body,
        });
        if (!r.ok) problems.push(`activity batch ${b} answered ${r.status}`);
      }
    }

    const day = new Date().toISOString().slice(0, 10);
    await seedIdleAccounts(db, "T", o.idleAccounts, day);
    await product.cli("job:run", "dormancy.scan", JSON.stringify({ asOfDay: day }));
    const scanned = await waitUntil(
      async () =>
        (await count(
          db,
          "select count(*) n from pgboss.job where name = 'dormancy.scan-chunk' and state <> 'completed'",
        )) === 0 &&
        (await count(db, "select count(*) n from pgboss.job where name = 'dormancy.scan-chunk'")) > 0,
      240_000,
      500,
    );
    if (!scanned)
      problems.push(`topology ${o.apis}×API ${o.workers}×worker: the dormancy scan did not finish`);
    // The sweeps the clock starts (aging alarms each minute, closing solved tickets every 5) find the
    // demo tickets or not depending on when a tick falls: run each once more, so both topologies end
    // in the state every tick leads to (they are idempotent).
    for (const job of ["tickets.age-alarms", "tickets.close-solved"]) await product.cli("job:run", job);
    if (!(await outboxDrained(db, 120_000)))
      problems.push(`topology ${o.apis}×API ${o.workers}×worker: mail not delivered within 2 minutes`);
    const n = (sql: string, values: unknown[] = []) => count(db, sql, values);
    const byTemplate: Counts = {};
    for (const r of (
      await db.query<{ template: string; n: string }>(
        "select template, count(*) n from mail_outbox group by 1 order by 1",
      )
    ).rows)
      byTemplate[`mail ${r.template}`] = Number(r.n);
    return {
      ...byTemplate,
      tickets: await n("select count(*) n from tickets where subject like 'Topology ticket %'"),
      messages: await n(
        "select count(*) n from ticket_messages m join tickets t on t.id = m.ticket_id where t.subject like 'Topology ticket %'",
      ),
      activityEvents: await n("select count(*) n from activity_events where event_id like 'topo-%'"),
      dormancyWarnings: await n("select count(*) n from dormancy_warnings where sent_on = $1", [day]),
      deactivations: await n("select count(*) n from enforcements where reason = 'dormancy'"),
      outboxMails: await n("select count(*) n from mail_outbox"),
      mailsDelivered: smtp.total(),
      mailsDeliveredTwice: smtp.duplicates().length,
      auditEvents: await n(
        "select count(*) n from audit_events where action in ('dormancy.warned', 'enforcement.created', 'ticket.opened', 'ticket.replied')",
      ),
    };
  } finally {
    for (const w of workers) {
      w.kill("SIGTERM");
      await w.exited;
    }
    await db.end();
    await product.stop();
    await smtp.down();
  }
}

/** Topology A (one API running the jobs) and B (two APIs, two workers) must end with equal counts. */
export async function compareTopologies(idleAccounts: number) {
  const name = "two APIs and two workers against one database, as one";
  const started = performance.now();
  const a = await runTopology({ apis: 1, workers: 0, idleAccounts });
  log(`topology A (1 API, embedded worker): ${JSON.stringify(a)}`);
  const b = await runTopology({ apis: 2, workers: 2, idleAccounts });
  log(`topology B (2 APIs, 2 workers): ${JSON.stringify(b)}`);
  expectEqual(`${name}: counts of B (2 APIs, 2 workers) against A (1 API)`, b, a);
  if (a.tickets !== CUSTOMERS * TICKETS)
    problems.push(`${name}: ${a.tickets} tickets in A, expected ${CUSTOMERS * TICKETS}`);
  if (a.mailsDelivered !== a.outboxMails || a.mailsDeliveredTwice !== 0)
    problems.push(`${name}: A delivered ${a.mailsDelivered} mails for ${a.outboxMails} in the outbox`);
  recordFault(
    name,
    started,
    `A (1 API, embedded worker) and B (2 APIs, WORKER=off, 2 workers), each request sent twice (B: to both): ${Object.entries(
      a,
    )
      .map(([k, v]) => `${k} ${v}${b[k] === v ? "" : ` ≠ ${b[k]}`}`)
      .join(", ")}`,
  );
}
