import { DEMO_PASSWORD, seedDemoData } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPC_MAX_BODY_BYTES } from "../src/app.ts";
import { BrowserClient } from "./support/browser-client.ts";
import { signInDemoStaff } from "./support/staff-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/** Ticket files over HTTP: the upload in the reply, the download route's access control and headers. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(server.deps);
});
afterAll(async () => {
  await server.close();
});

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\ntrailer<</Root 1 0 R>>\n%%EOF\n");
let k = 0;
const submitKey = () => `api-attach-${++k}-${Math.random().toString(36).slice(2, 10)}`;

async function customer(email: string) {
  const client = new BrowserClient(server.url);
  await client.open();
  const signIn = await client.mutate<{ status: string }>("customer.auth.signIn", {
    email,
    password: DEMO_PASSWORD,
  });
  expect(signIn.data?.status).toBe("signed_in");
  return client;
}

const staff = (role: string) => signInDemoStaff(server.url, role);

type Detail = { messages: Array<{ id: string; attachments: Array<{ id: string; filename: string }> }> };

/** Opens a ticket and replies on it with the files; returns the files' ids by name. */
async function ticketWithFiles(client: BrowserClient, files: Array<{ filename: string; content: Buffer }>) {
  const opened = await client.mutate<{ id: string }>("customer.tickets.open", {
    category: "other",
    subject: "Files for you",
    body: "Replying with files next.",
    idempotencyKey: submitKey(),
  });
  expect(opened.status).toBe(200);
  const ticketId = opened.data?.id as string;
  const reply = await client.mutate("customer.tickets.reply", {
    ticketId,
    body: "Here they are.",
    idempotencyKey: submitKey(),
    attachments: files.map((f) => ({ filename: f.filename, contentBase64: f.content.toString("base64") })),
  });
  expect(reply.status).toBe(200);
  const detail = await client.query<Detail>("customer.tickets.get", { ticketId });
  const listed = detail.data?.messages.flatMap((m) => m.attachments) ?? [];
  return {
    ticketId,
    ids: Object.fromEntries(listed.map((a) => [a.filename, a.id])) as Record<string, string>,
  };
}

describe("downloading a ticket's file", () => {
  it("serves it to the ticket's account as a download with safe headers; another account gets 404, nobody signed in 401", async () => {
    const owner = await customer("owner@acme.test");
    const name = 'résumé "final".png';
    const { ids } = await ticketWithFiles(owner, [{ filename: name, content: PNG }]);
    const id = ids[name] as string;
    const res = await owner.raw(`/attachments/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="r_sum_ _final_.png"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.png`,
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);

    const stranger = await customer("owner@bloom.test");
    const refused = await stranger.raw(`/attachments/${id}`);
    expect(refused.status).toBe(404);
    const body = (await refused.json()) as { error: { code: string } };
    expect(body.error.code).toBe("NOT_FOUND");
    expect((await stranger.raw("/attachments/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await stranger.raw("/attachments/not-an-id")).status).toBe(404);

    const anonymous = new BrowserClient(server.url);
    expect((await anonymous.raw(`/attachments/${id}`)).status).toBe(401);
  });

  it("a member downloads the files of their own tickets only; owners see every ticket's; staff who work tickets too", async () => {
    const owner = await customer("owner@acme.test");
    const member = await customer("member@acme.test");
    const ownersFile = (await ticketWithFiles(owner, [{ filename: "owner.pdf", content: PDF }])).ids[
      "owner.pdf"
    ];
    const membersFile = (
      await ticketWithFiles(member, [{ filename: "member.txt", content: Buffer.from("hi\n") }])
    ).ids["member.txt"];
    expect((await member.raw(`/attachments/${ownersFile}`)).status).toBe(404);
    const own = await member.raw(`/attachments/${membersFile}`);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await own.text()).toBe("hi\n");
    expect((await owner.raw(`/attachments/${membersFile}`)).status).toBe(200);

    const agent = await staff("agent");
    const staffGot = await agent.raw(`/attachments/${ownersFile}`);
    expect(staffGot.status).toBe(200);
    expect(staffGot.headers.get("content-type")).toBe("application/pdf");
    // A fraud analyst does not work tickets.
    const fraud = await staff("fraud_analyst");
    expect((await fraud.raw(`/attachments/${ownersFile}`)).status).toBe(404);
  });
});

describe("uploading with a reply", () => {
  it("refuses a lying extension with 415 and a clear message", async () => {
    const owner = await customer("admin@acme.test");
    const opened = await owner.mutate<{ id: string }>("customer.tickets.open", {
      category: "other",
      subject: "A screenshot",
      body: "Attaching next.",
      idempotencyKey: submitKey(),
    });
    const reply = await owner.mutate("customer.tickets.reply", {
      ticketId: opened.data?.id,
      body: "Screenshot attached.",
      idempotencyKey: submitKey(),
      attachments: [{ filename: "screenshot.png", contentBase64: PDF.toString("base64") }],
    });
    expect(reply.status).toBe(415);
    expect(reply.error?.data.domainCode).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(reply.error?.message).toBe(
      '"screenshot.png" is named .png but its content is a PDF. Rename it to .pdf or attach the right file.',
    );
  });

  it("admits a file of a few MB in a reply, while every other call keeps the small body limit", async () => {
    const owner = await customer("owner@acme.test");
    const log = Buffer.alloc(4 * 1024 * 1024, "550 5.7.1 rejected\n");
    const { ids } = await ticketWithFiles(owner, [{ filename: "bounces.log", content: log }]);
    const got = await owner.raw(`/attachments/${ids["bounces.log"]}`);
    expect(Number(got.headers.get("content-length"))).toBe(log.length);

    const big = await owner.mutate("customer.tickets.open", {
      category: "other",
      subject: "Too big",
      body: "x".repeat(TRPC_MAX_BODY_BYTES + 10),
    });
    expect(big.status).toBe(413);
  });
});
