import type { AddressInfo } from "node:net";
import { enqueueMail } from "@trustdesk/db";
import { createTestDatabase } from "@trustdesk/db/testing";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOutbox } from "../src/mail/deliver-outbox.ts";
import { smtpTransport } from "../src/mail/mail-transport.ts";

interface Received {
  to: string;
  subject: string;
  text: string;
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: SMTPServer;
let port: number;
const inbox: Received[] = [];
let refuseNext = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  // A real SMTP server on loopback: the transport speaks the real protocol to it.
  smtp = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    disableReverseLookup: true,
    onRcptTo(_address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        const err = new Error("mailbox unavailable") as Error & { responseCode: number };
        err.responseCode = 450;
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push({
          to: String(mail.to && "text" in mail.to ? mail.to.text : ""),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  port = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.destroy();
});

describe("mail delivery from the outbox", () => {
  it("sends pending mail over SMTP once and marks it sent", async () => {
    await enqueueMail(database.db, {
      to: "ada@example.com",
      template: "t",
      subject: "Hello Ada",
      text: "Body for Ada",
    });
    const transport = smtpTransport(
      `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      "Trustdesk <no-reply@trustdesk.test>",
    );
    try {
      const first = await deliverOutbox(database.db, transport);
      expect(first).toEqual({ claimed: 1, sent: 1, failed: 0 });
      const again = await deliverOutbox(database.db, transport);
      expect(again.claimed).toBe(0);
    } finally {
      transport.close();
    }
    expect(inbox.filter((m) => m.subject === "Hello Ada")).toEqual([
      { to: "ada@example.com", subject: "Hello Ada", text: "Body for Ada\n" },
    ]);
  });

  it("keeps a refused mail pending with a backoff and the error, and delivers it on a later pass", async () => {
    const id = await enqueueMail(database.db, {
      to: "bob@example.com",
      template: "t",
      subject: "Hello Bob",
      text: "Body",
    });
    refuseNext = 1;
    const transport = smtpTransport(
      `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      "Trustdesk <no-reply@trustdesk.test>",
    );
    try {
      expect(await deliverOutbox(database.db, transport)).toEqual({ claimed: 1, sent: 0, failed: 1 });
      const row = await database.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("pending");
      expect(row.last_error).toContain("mailbox unavailable");
      expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
      await database.db
        .updateTable("mail_outbox")
        .set({ next_attempt_at: new Date(0) })
        .where("id", "=", id)
        .execute();
      expect(await deliverOutbox(database.db, transport)).toEqual({ claimed: 1, sent: 1, failed: 0 });
    } finally {
      transport.close();
    }
    expect(inbox.some((m) => m.subject === "Hello Bob")).toBe(true);
  });
});
