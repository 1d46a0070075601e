import type pg from "pg";
import { count, expectEqual, log, outboxDrained, problems, recordFault, waitUntil } from "./harness.ts";
import type { HttpSession } from "./http-session.ts";
import { checkMail, describeMail, mailProblems } from "./mail-check.ts";
import type { SmtpSink } from "./smtp-sink.ts";

/**
 * The SMTP server goes down; customers open tickets meanwhile (each acknowledged by a "ticket
 * received" mail in the outbox); the worker tries them and fails; the server comes back. Every mail
 * must then arrive exactly once. The outbox retries a failed mail after 30 s (the domain's backoff,
 * `MAIL_RETRY`, which no setting changes), so the server stays down for less than that: each mail
 * fails once and the phase takes about half a minute.
 */
export async function smtpDownThenUp(db: pg.Pool, smtp: SmtpSink, customers: HttpSession[]) {
  const name = "fault: SMTP server down, then up";
  const started = performance.now();
  // The mails of earlier phases first, so this phase's are the ones that meet the outage.
  await outboxDrained(db, 90_000, true);
  const since = (await db.query<{ t: Date }>("select clock_timestamp() t")).rows[0]?.t as Date;
  const mine = "created_at >= $1 and template = 'ticket_received'";
  await smtp.down();
  const downAt = performance.now();
  // The last customers (the API-kill phase used the first 20): one ticket each, retried until acknowledged.
  const clients = customers.slice(-Math.min(customers.length, 40));
  let acknowledged = 0;
  await Promise.all(
    clients.map(async (s, i) => {
      for (let tries = 0; tries < 20; tries++) {
        const r = await s.mutate("customer.tickets.open", {
          category: "other",
          subject: `Mail outage ticket ${i}`,
          body: "Opened while the mail server is down: the acknowledgement must still arrive, once.",
          idempotencyKey: `smtp-outage-${i}`,
        });
        if (r.status === 200) {
          acknowledged++;
          return;
        }
      }
    }),
  );
  // The outage is real: every one of these mails was tried and failed.
  const tried = await waitUntil(
    async () =>
      (await count(db, `select count(*) n from mail_outbox where ${mine} and last_error is not null`, [
        since,
      ])) === acknowledged,
    25_000,
    250,
  );
  const failedWhileDown = await count(
    db,
    `select count(*) n from mail_outbox where ${mine} and last_error is not null`,
    [since],
  );
  const downSeconds = (performance.now() - downAt) / 1000;
  await smtp.up();
  log(`SMTP server back after ${downSeconds.toFixed(1)} s; ${failedWhileDown} mails failed meanwhile`);
  const drained = await outboxDrained(db, 120_000);
  const rows = await count(db, `select count(*) n from mail_outbox where ${mine}`, [since]);
  const mail = await checkMail(
    db,
    smtp,
    `created_at >= '${since.toISOString()}' and template = 'ticket_received'`,
  );
  if (!tried) problems.push(`${name}: not every mail was tried while the server was down`);
  if (!drained) problems.push(`${name}: the outbox was not drained within 2 minutes of the server's return`);
  expectEqual(`${name}: tickets acknowledged`, acknowledged, clients.length);
  expectEqual(`${name}: acknowledgement mails in the outbox`, rows, acknowledged);
  expectEqual(`${name}: acknowledgement mails delivered exactly once`, mail.deliveredOnce, acknowledged);
  problems.push(...mailProblems(name, mail));
  recordFault(
    name,
    started,
    `down ${downSeconds.toFixed(1)} s: ${acknowledged} tickets acknowledged, ${failedWhileDown} of their mails failed meanwhile; back up: ${describeMail(mail)}, ${((performance.now() - downAt) / 1000 - downSeconds).toFixed(1)} s after its return`,
    acknowledged,
    mail.deliveredOnce,
  );
}
