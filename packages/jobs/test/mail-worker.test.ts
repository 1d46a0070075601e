import { claimDueMails, enqueueMail } from "@trustdesk/db";
import { createTestDatabase, freePort, type TestDatabase } from "@trustdesk/db/testing";
import { retryMailDelivery } from "@trustdesk/services";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMailJob, smtpTransport, startWorker, type Worker } from "../src/index.ts";
import { waitFor, workerDeps } from "./support/worker-deps.ts";

let t: TestDatabase;
let port: number;
let smtp: SMTPServer | null = null;
let worker: Worker;
const received: Array<{ to: string; subject: string }> = [];
/** Recipients the server refuses for good (550), like a mailbox that does not exist. */
const refused = new Set<string>();

/** Starts the test SMTP server on `port`, once: each test after the first expects it up. */
function startSmtp(): Promise<void> {
  if (smtp) return Promise.resolve();
  smtp = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) {
        return callback(Object.assign(new Error("no such mailbox"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        for (const r of session.envelope.rcptTo)
          received.push({ to: r.address, subject: mail.subject ?? "" });
        callback();
      }, callback);
    },
  });
  return new Promise((resolve) => smtp?.listen(port, "127.0.0.1", () => resolve()));
}

async function mailRow(id: string) {
  return t.db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** The backoff's wait, skipped: the mail is due now (the pure backoff itself is tested in domain). */
async function makeDue(id: string) {
  await t.db
    .updateTable("mail_outbox")
    .set({ next_attempt_at: new Date(0) })
    .where("id", "=", id)
    .execute();
}

const delivered = (subject: string) => received.filter((m) => m.subject === subject).length;

beforeAll(async () => {
  t = await createTestDatabase();
  port = await freePort();
  const deps = workerDeps(
    t.db,
    smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true`, "Trustdesk <no-reply@trustdesk.test>"),
  );
  deps.settings.mailMaxAttempts = 3;
  worker = await startWorker(deps, {
    connectionString: t.connectionString,
    jobs: [deliverMailJob],
    log: deps.log,
    pollingIntervalSeconds: 0.5,
  });
});

afterAll(async () => {
  await worker.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await t.destroy();
});

describe("mail delivery on the worker", () => {
  it("SMTP down, then up: the mail waits with a backoff and is delivered once", async () => {
    const id = await enqueueMail(t.db, {
      to: "ada@example.com",
      template: "t",
      subject: "Down then up",
      text: "x",
    });
    // The claim counts the attempt; its failure is written after the connection is refused.
    await waitFor(
      async () => {
        const row = await mailRow(id);
        return row.attempts >= 1 && row.last_error !== null;
      },
      30_000,
      "a failed attempt",
    );
    const failed = await mailRow(id);
    expect(failed.status).toBe("pending");
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.next_attempt_at.getTime()).toBeGreaterThan(Date.now()); // backing off

    await startSmtp();
    await makeDue(id);
    await waitFor(async () => (await mailRow(id)).status === "sent", 30_000, "delivery");
    await new Promise((r) => setTimeout(r, 2000)); // further passes must not send it again
    expect(delivered("Down then up")).toBe(1);
    expect((await mailRow(id)).last_error).toBeNull();
  }, 90_000);

  it("dead-letters a mail after N failed attempts; an admin's retry delivers it once", async () => {
    await startSmtp();
    refused.add("gone@example.com");
    const id = await enqueueMail(t.db, {
      to: "gone@example.com",
      template: "t",
      subject: "Dead letter",
      text: "x",
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await waitFor(async () => (await mailRow(id)).attempts >= attempt, 30_000, `attempt ${attempt}`);
      // This attempt's own failure (the previous one's error was cleared before making it due):
      // making it due before the failure is written would let the failure's backoff win.
      await waitFor(async () => (await mailRow(id)).last_error !== null, 30_000, "the failure recorded");
      if (attempt < 3) {
        await t.db.updateTable("mail_outbox").set({ last_error: null }).where("id", "=", id).execute();
        await makeDue(id);
      }
    }
    await waitFor(async () => (await mailRow(id)).status === "failed", 30_000, "the dead letter");
    expect((await mailRow(id)).last_error).toContain("no such mailbox");
    expect(delivered("Dead letter")).toBe(0);

    refused.delete("gone@example.com");
    const admin = {
      type: "staff" as const,
      staffId: "00000000-0000-4000-8000-000000000001",
      role: "admin" as const,
    };
    await retryMailDelivery(adminDeps(), admin, null, { mailId: id });
    await waitFor(async () => (await mailRow(id)).status === "sent", 30_000, "the retried delivery");
    expect(delivered("Dead letter")).toBe(1);
    // A second retry of a sent mail is refused: nothing is sent twice.
    await expect(retryMailDelivery(adminDeps(), admin, null, { mailId: id })).rejects.toThrow(
      /not waiting for a retry/,
    );
  }, 120_000);

  it("a worker that died mid-send (claimed, never marked): the mail is delivered after the lease", async () => {
    await startSmtp();
    const id = await enqueueMail(t.db, {
      to: "cy@example.com",
      template: "t",
      subject: "Mid-send",
      text: "x",
    });
    // Another worker claims it and dies before sending or marking anything.
    const [claimed] = await claimDueMails(t.db, 100, 120);
    expect(claimed?.id).toBe(id);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await mailRow(id)).status).toBe("pending"); // leased: nobody else sends it meanwhile
    expect(delivered("Mid-send")).toBe(0);
    await makeDue(id); // the lease ran out
    await waitFor(async () => (await mailRow(id)).status === "sent", 30_000, "delivery after the lease");
    expect(delivered("Mid-send")).toBe(1);
  }, 60_000);
});

/** The services' deps as the dashboard's API process has them. */
function adminDeps() {
  return workerDeps(t.db).services;
}
