import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { ATTACHMENT_LIMITS, DomainError, OpenTicketInput } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerTicket,
  getAttachmentForCustomer,
  getAttachmentForStaff,
  getCustomerTicket,
  getTicketForStaff,
  openTicket,
  replyToTicket,
} from "../../src/index.ts";
import { makeAccount, makeStaff, testDeps } from "../support/fixtures.ts";

/** Files on ticket messages: typed by content, bounded, redacted like text, shown only to who may see. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-attachments", ip: "203.0.113.10", userAgent: "vitest" };
let k = 0;
const key = () => `attach-key-${++k}-${Math.random().toString(36).slice(2, 10)}`;

// The smallest real files: what their magic numbers say is what they are.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const ZIP = Buffer.from("504b0304140000000800", "hex");
const b64 = (b: Buffer) => b.toString("base64");

async function setUp() {
  const deps = testDeps(database.db);
  const acct = await makeAccount(database.db, "Files");
  const owner = { userId: acct.ownerId, accountId: acct.accountId, role: "owner" as const };
  const opened = await openTicket(
    deps,
    owner,
    meta,
    OpenTicketInput.parse({ category: "other", subject: "Bounce report", body: "See the attached log." }),
  );
  return { deps, acct, owner, ticketId: opened.id, number: opened.number };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function attachmentCount(ticketId: string) {
  const row = await database.db
    .selectFrom("attachments as a")
    .innerJoin("ticket_messages as m", "m.id", "a.ticket_message_id")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("m.ticket_id", "=", ticketId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("attachments on customer replies", () => {
  it("stores a screenshot, a PDF and a text file with the type read from their content and their SHA-256", async () => {
    const { deps, owner, ticketId } = await setUp();
    const reply = await replyToTicket(deps, owner, meta, {
      ticketId,
      body: "Screenshot, invoice and log attached.",
      idempotencyKey: key(),
      attachments: [
        { filename: "screen.png", contentBase64: b64(PNG) },
        { filename: "invoice", contentBase64: b64(PDF) },
        { filename: "bounces.log", contentBase64: b64(Buffer.from("550 5.7.1 rejected\nhéllo ✓\n")) },
      ],
    });
    const rows = await database.db
      .selectFrom("attachments")
      .select(["filename", "content_type", "size_bytes", "sha256", "content"])
      .where("ticket_message_id", "=", reply.messageId)
      .orderBy("filename")
      .execute();
    expect(rows.map((r) => [r.filename, r.content_type])).toEqual([
      ["bounces.log", "text/plain"],
      ["invoice", "application/pdf"],
      ["screen.png", "image/png"],
    ]);
    const png = rows.find((r) => r.filename === "screen.png");
    expect(png?.size_bytes).toBe(PNG.length);
    expect(png?.content.equals(PNG)).toBe(true);
    const { createHash } = await import("node:crypto");
    expect(png?.sha256.equals(createHash("sha256").update(PNG).digest())).toBe(true);

    const view = await getCustomerTicket(deps, owner, ticketId);
    const last = view.messages.at(-1);
    expect(last?.attachments.map((a) => a.filename).sort()).toEqual(["bounces.log", "invoice", "screen.png"]);
    expect(JSON.stringify(view)).not.toContain(b64(PNG));
  });

  it("refuses a lying extension (a PDF named .png, a PNG named .pdf) with 415 and stores nothing", async () => {
    const { deps, owner, ticketId } = await setUp();
    const before = await attachmentCount(ticketId);
    const pdfAsPng = await refusal(
      replyToTicket(deps, owner, meta, {
        ticketId,
        body: "Here",
        idempotencyKey: key(),
        attachments: [{ filename: "screenshot.png", contentBase64: b64(PDF) }],
      }),
    );
    expect(pdfAsPng.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(pdfAsPng.status).toBe(415);
    expect(pdfAsPng.message).toContain('"screenshot.png" is named .png but its content is a PDF');
    const pngAsPdf = await refusal(
      replyToTicket(deps, owner, meta, {
        ticketId,
        body: "Here",
        idempotencyKey: key(),
        attachments: [{ filename: "report.pdf", contentBase64: b64(PNG) }],
      }),
    );
    expect(pngAsPdf.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const zip = await refusal(
      replyToTicket(deps, owner, meta, {
        ticketId,
        body: "Here",
        idempotencyKey: key(),
        attachments: [{ filename: "notes.txt", contentBase64: b64(ZIP) }],
      }),
    );
    expect(zip.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const binary = await refusal(
      replyToTicket(deps, owner, meta, {
        ticketId,
        body: "Here",
        idempotencyKey: key(),
        attachments: [
          { filename: "dump.txt", contentBase64: b64(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00])) },
        ],
      }),
    );
    expect(binary.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await attachmentCount(ticketId)).toBe(before);
    const messages = await database.db
      .selectFrom("ticket_messages")
      .select("id")
      .where("ticket_id", "=", ticketId)
      .execute();
    expect(messages).toHaveLength(1);
  });

  it("bounds the size of each file and of a message's files", async () => {
    const { deps, owner, ticketId } = await setUp();
    const big = Buffer.alloc(ATTACHMENT_LIMITS.maxBytes + 1, 0x61);
    const tooBig = await refusal(
      replyToTicket(deps, owner, meta, {
        ticketId,
        body: "Big",
        idempotencyKey: key(),
        attachments: [{ filename: "big.txt", contentBase64: b64(big) }],
      }),
    );
    expect(tooBig.code).toBe("PAYLOAD_TOO_LARGE");
    const four = await refusal(
      replyToTicket(deps, owner, meta, {
        ticketId,
        body: "Many",
        idempotencyKey: key(),
        attachments: Array.from({ length: 4 }, (_, i) => ({
          filename: `f${i}.png`,
          contentBase64: b64(PNG),
        })),
      }),
    );
    expect(four.code).toBe("VALIDATION");
    const part = Buffer.alloc(ATTACHMENT_LIMITS.maxBytes - 1, 0x61);
    const together = await refusal(
      replyToTicket(deps, owner, meta, {
        ticketId,
        body: "Two halves",
        idempotencyKey: key(),
        attachments: [
          { filename: "a.txt", contentBase64: b64(part) },
          { filename: "b.txt", contentBase64: b64(part) },
        ],
      }),
    );
    expect(together.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await attachmentCount(ticketId)).toBe(0);
  });

  it("redacts a key pasted into a text file and revokes it, like one in the message", async () => {
    const { deps, acct, owner, ticketId } = await setUp();
    const reply = await replyToTicket(deps, owner, meta, {
      ticketId,
      body: "My config is attached.",
      idempotencyKey: key(),
      attachments: [
        { filename: "config.txt", contentBase64: b64(Buffer.from(`API_KEY=${acct.key.full}\n`)) },
      ],
    });
    expect(reply.redactedKeys).toBe(1);
    const stored = await database.db
      .selectFrom("attachments")
      .select(["content", "size_bytes"])
      .where("ticket_message_id", "=", reply.messageId)
      .executeTakeFirstOrThrow();
    const text = stored.content.toString("utf8");
    expect(text).not.toContain(acct.key.secret);
    expect(text).toBe(`API_KEY=SG.${acct.key.keyId}.[redacted]\n`);
    expect(stored.size_bytes).toBe(stored.content.length);
    const revoked = await database.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("id", "=", acct.key.id)
      .executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();
    const exposures = await database.db
      .selectFrom("credential_exposures")
      .select("source")
      .where("api_key_id", "=", acct.key.id)
      .execute();
    expect(exposures.map((x) => x.source)).toEqual(["ticket"]);
  });
});

describe("who may download a file", () => {
  it("the ticket's account (a member only their own tickets), staff for every message; internal files never to the customer", async () => {
    const { deps, acct, owner, ticketId } = await setUp();
    const reply = await replyToTicket(deps, owner, meta, {
      ticketId,
      body: "Screenshot",
      idempotencyKey: key(),
      attachments: [{ filename: "screen.png", contentBase64: b64(PNG) }],
    });
    const [file] =
      (await getCustomerTicket(deps, owner, ticketId)).messages.find((m) => m.id === reply.messageId)
        ?.attachments ?? [];
    if (!file) throw new Error("no attachment listed");

    const got = await getAttachmentForCustomer(deps, owner, file.id);
    expect(got.contentType).toBe("image/png");
    expect(got.content.equals(PNG)).toBe(true);

    const other = await makeAccount(database.db, "Stranger");
    const stranger = { userId: other.ownerId, accountId: other.accountId, role: "owner" as const };
    expect((await refusal(getAttachmentForCustomer(deps, stranger, file.id))).code).toBe("NOT_FOUND");
    // Another member of the same account did not open the ticket: not theirs to see.
    const member = { userId: other.ownerId, accountId: acct.accountId, role: "member" as const };
    expect((await refusal(getAttachmentForCustomer(deps, member, file.id))).code).toBe("NOT_FOUND");
    // A takeover-recovery session sees takeover tickets only.
    expect((await refusal(getAttachmentForCustomer(deps, { ...owner, recovery: true }, file.id))).code).toBe(
      "NOT_FOUND",
    );
    expect((await refusal(getAttachmentForCustomer(deps, owner, "not-a-uuid"))).code).toBe("NOT_FOUND");

    const agent = await makeStaff(database.db, "agent");
    const staffView = await getTicketForStaff(deps, { ticketId });
    const note = await answerTicket(deps, agent, meta, {
      ticketId,
      body: "Internal: the customer's DNS screenshot, annotated.",
      visibility: "internal",
      expectedVersion: staffView.version,
      idempotencyKey: key(),
      attachments: [{ filename: "annotated.png", contentBase64: b64(PNG) }],
    });
    const afterNote = await getTicketForStaff(deps, { ticketId });
    const noteFile = afterNote.messages.find((m) => m.id === note.messageId)?.attachments[0];
    expect(noteFile?.filename).toBe("annotated.png");
    if (!noteFile) throw new Error("no note attachment");
    expect((await getAttachmentForStaff(deps, noteFile.id)).content.equals(PNG)).toBe(true);
    expect((await getAttachmentForStaff(deps, file.id)).filename).toBe("screen.png");
    // The internal note's file never reaches the customer, not even by its id.
    expect((await refusal(getAttachmentForCustomer(deps, owner, noteFile.id))).code).toBe("NOT_FOUND");
    expect(JSON.stringify(await getCustomerTicket(deps, owner, ticketId))).not.toContain("annotated.png");
  });

  it("a staff reply's files are checked by content too and named in the customer's mail", async () => {
    const { deps, acct, ticketId } = await setUp();
    const agent = await makeStaff(database.db, "agent");
    const version = (await getTicketForStaff(deps, { ticketId })).version;
    const lying = await refusal(
      answerTicket(deps, agent, meta, {
        ticketId,
        body: "See attached.",
        visibility: "public",
        expectedVersion: version,
        idempotencyKey: key(),
        attachments: [{ filename: "guide.pdf", contentBase64: b64(PNG) }],
      }),
    );
    expect(lying.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    await answerTicket(deps, agent, meta, {
      ticketId,
      body: "See the attached guide.",
      visibility: "public",
      expectedVersion: version,
      idempotencyKey: key(),
      attachments: [{ filename: "guide.pdf", contentBase64: b64(PDF) }],
    });
    const mail = await database.db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", acct.ownerEmail)
      .where("template", "=", "ticket_reply")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain("1 file is attached on the ticket: guide.pdf.");
  });
});
