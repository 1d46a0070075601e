import pg from "pg";
import { dormancyOutcome, parseDryRun, seedIdleAccounts } from "./dormancy-seed.ts";
import { count, expectEqual, log, problems, recordFault, sleep, waitUntil } from "./harness.ts";
import { checkMail, describeMail, mailProblems } from "./mail-check.ts";
import { startProduct } from "./product.ts";
import { startSmtpSink } from "./smtp-sink.ts";

const CHUNKS =
  "select count(*) n from pgboss.job where name = 'dormancy.scan-chunk' and state <> 'completed'";

/**
 * A worker SIGKILLed in the middle of the daily dormancy scan, taken from the queue as in
 * production: the API serves HTTP only (WORKER=off), a separate `trustdesk worker` process runs the
 * scan's chunk job, and it is killed once some of its batches have committed. A new worker retries
 * the chunk once the dead one's job expires; then the command line's `dormancy-scan` runs again and
 * must find nothing left to do. Afterwards, from the database: the totals equal what the dry run
 * said before, each account warned at most once per lead time and deactivated at most once, one
 * mail per warning and per deactivation — and from the SMTP server, none delivered twice.
 */
export async function killWorkerDuringDormancyScan(accounts: number) {
  const name = "fault: worker SIGKILLed during the dormancy scan";
  const started = performance.now();
  const smtp = await startSmtpSink();
  const product = await startProduct(log, { worker: "off", smtpUrl: smtp.url });
  const db = new pg.Pool({ connectionString: product.databaseUrl, max: 4 });
  try {
    const day = new Date().toISOString().slice(0, 10);
    await seedIdleAccounts(db, "D", accounts, day);
    const expected = parseDryRun(await product.cli("dormancy-scan", "--dry-run", "--as-of", day));
    const before = await dormancyOutcome(db, day);
    const expectedWarnings = Object.values(expected.warned).reduce((a, b) => a + b, 0);
    log(
      `dormancy: ${accounts} idle accounts seeded; the dry run would warn ${JSON.stringify(expected.warned)} and deactivate ${expected.deactivated}`,
    );
    if (expectedWarnings + expected.deactivated === 0)
      problems.push(`${name}: the seed gave the scan nothing to do`);

    // The daily scan, as the schedule starts it: its plan enqueues the chunk jobs for the workers.
    let worker = product.startWorker();
    await product.cli("job:run", "dormancy.scan", JSON.stringify({ asOfDay: day }));
    const acted = async () =>
      (await count(db, "select count(*) n from dormancy_warnings where sent_on = $1", [day])) +
      (await count(db, "select count(*) n from enforcements where reason = 'dormancy'"));
    const total = expectedWarnings + expected.deactivated;
    const baseline = await acted(); // the demo data has a dormant account of its own
    // Killed once at least one batch committed (each batch commits its own transaction).
    const progressed = await waitUntil(async () => (await acted()) > baseline, 180_000, 20);
    worker.kill("SIGKILL");
    await worker.exited;
    const atKill = (await acted()) - baseline;
    log(`dormancy: worker SIGKILLed after ${atKill} of ${total} warnings/deactivations had committed`);
    if (!progressed || atKill >= total)
      problems.push(`${name}: the worker was not killed mid-scan (${atKill} of ${total} done)`);

    // The dead worker's chunk job stays active until its 30-minute expiry, after which the queue
    // retries it (after its 30 s retry delay) on another worker. Both waits are made to pass here —
    // only the clock is moved; the queue's own supervisor expires and retries the job.
    const activeAtKill = await count(
      db,
      "select count(*) n from pgboss.job where name = 'dormancy.scan-chunk' and state = 'active'",
    );
    await db.query(
      "update pgboss.job set started_on = started_on - interval '1 hour' where name = 'dormancy.scan-chunk' and state = 'active'",
    );
    worker = product.startWorker();
    const finished = await waitUntil(
      async () => {
        await db.query(
          "update pgboss.job set start_after = now() where name = 'dormancy.scan-chunk' and state = 'retry' and start_after > now()",
        );
        return (await count(db, CHUNKS)) === 0;
      },
      240_000,
      500,
    );
    if (!finished) problems.push(`${name}: the retried chunk did not complete within 4 minutes`);
    const retried = await count(
      db,
      "select count(*) n from pgboss.job where name = 'dormancy.scan-chunk' and retry_count > 0",
    );

    // The operator's way: run the scan again by hand. Everything is done already: it does nothing.
    const rerun = await product.cli("dormancy-scan", "--as-of", day);
    const rerunWarned = [...rerun.matchAll(/^\s+warned \d+ days? before\s+([\d,]+)/gm)].reduce(
      (a, m) => a + Number(m[1]?.replaceAll(",", "")),
      0,
    );
    const rerunDeactivated = Number(
      /^\s+deactivated\s+([\d,]+)/m.exec(rerun)?.[1]?.replaceAll(",", "") ?? -1,
    );
    expectEqual(
      `${name}: the rerun after completion warned/deactivated`,
      [rerunWarned, rerunDeactivated],
      [0, 0],
    );

    const after = await dormancyOutcome(db, day);
    const warned: Record<number, number> = {};
    for (const [lead, n] of Object.entries(after.warned)) {
      const d = n - (before.warned[Number(lead)] ?? 0);
      if (d) warned[Number(lead)] = d;
    }
    const deactivated = after.deactivated - before.deactivated;
    expectEqual(`${name}: warnings by lead days`, warned, expected.warned);
    expectEqual(`${name}: deactivations`, deactivated, expected.deactivated);
    expectEqual(`${name}: accounts warned twice the same day`, after.warnedTwiceToday, 0);
    expectEqual(`${name}: accounts warned twice for one lead time`, after.warnedTwicePerLead, 0);
    expectEqual(`${name}: accounts deactivated twice`, after.deactivatedTwice, 0);
    expectEqual(
      `${name}: warning mails in the outbox`,
      after.warningMails - before.warningMails,
      expectedWarnings,
    );
    expectEqual(
      `${name}: deactivation mails in the outbox`,
      after.deactivationMails - before.deactivationMails,
      expected.deactivated,
    );
    expectEqual(`${name}: warnings audited`, after.warnedAudits - before.warnedAudits, expectedWarnings);

    // Mail: the second worker delivers. A batch the killed worker had claimed waits for its lease.
    await waitUntil(
      async () =>
        (await count(
          db,
          "select count(*) n from mail_outbox where template like 'dormancy%' and status <> 'sent' and not (attempts > 0 and last_error is null and next_attempt_at > now())",
        )) === 0,
      120_000,
      500,
    );
    await sleep(500);
    const mail = await checkMail(db, smtp, "template like 'dormancy%'");
    problems.push(...mailProblems(name, mail, true));
    recordFault(
      name,
      started,
      `${accounts} idle accounts; killed after ${atKill} of ${total} actions committed (${activeAtKill} chunk job active); chunk retried ${retried}×, then the command line's rerun did nothing; warned ${JSON.stringify(warned)} for ${JSON.stringify(expected.warned)} expected, deactivated ${deactivated} for ${expected.deactivated}; twice: ${after.warnedTwicePerLead} warned, ${after.deactivatedTwice} deactivated; mail: ${describeMail(mail)}`,
      total,
      warned ? Object.values(warned).reduce((a, b) => a + b, 0) + deactivated : 0,
    );
    worker.kill("SIGTERM");
    await worker.exited;
  } finally {
    await db.end();
    await product.stop();
    await smtp.down();
  }
}
