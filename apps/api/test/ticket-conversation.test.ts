import { DEMO_PASSWORD, seedDemoData } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { staffClients } from "./support/staff-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/** The ticket conversation over HTTP, as agents, customers and people who should not be there. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(server.deps);
});
afterAll(async () => {
  await server.close();
});

const staffClient = staffClients(() => server.url);

async function customer(email: string) {
  const c = new BrowserClient(server.url);
  await c.open();
  const r = await c.mutate<{ status: string }>("customer.auth.signIn", { email, password: DEMO_PASSWORD });
  expect(r.data?.status).toBe("signed_in");
  return c;
}

type StaffTicket = {
  id: string;
  number: number;
  version: number;
  messages: { body: string; visibility: string }[];
};
type CustomerTicket = { id: string; status: string; messages: { body: string }[] };

async function bloomTicket() {
  const row = await server.deps.db
    .selectFrom("tickets as t")
    .innerJoin("accounts as a", "a.id", "t.account_id")
    .select(["t.id", "t.number"])
    .where("a.name", "=", "Bloom Florists")
    .orderBy("t.created_at")
    .executeTakeFirstOrThrow();
  return { id: row.id, number: Number(row.number) };
}

let submit = 0;
const key = () => `http-submit-${++submit}-${Date.now()}`;

describe("the conversation over HTTP", () => {
  it("an agent's public reply reaches the customer; the internal note never does", async () => {
    const agent = await staffClient("agent");
    const t = await bloomTicket();
    const read = await agent.query<StaffTicket>("staff.tickets.get", { number: t.number });
    expect(read.status).toBe(200);
    const note = await agent.mutate<{ version: number }>("staff.tickets.reply", {
      ticketId: t.id,
      body: "Internal: the customer's DNS host is slow to propagate.",
      visibility: "internal",
      expectedVersion: read.data?.version,
      idempotencyKey: key(),
    });
    expect(note.status).toBe(200);
    const reply = await agent.mutate("staff.tickets.reply", {
      ticketId: t.id,
      body: "We checked: your domain is verified now.",
      visibility: "public",
      status: "solved",
      expectedVersion: note.data?.version,
      idempotencyKey: key(),
    });
    expect(reply.status).toBe(200);

    const owner = await customer("owner@bloom.test");
    const seen = await owner.query<CustomerTicket>("customer.tickets.get", { ticketId: t.id });
    expect(seen.data?.status).toBe("solved");
    expect(seen.data?.messages.map((m) => m.body)).toContain("We checked: your domain is verified now.");
    expect(JSON.stringify(seen.data)).not.toContain("Internal:");

    // A reply from the customer reopens it.
    const back = await owner.mutate("customer.tickets.reply", {
      ticketId: t.id,
      body: "Thanks, but one address still bounces.",
      idempotencyKey: key(),
    });
    expect(back.status).toBe(200);
    expect((await owner.query<CustomerTicket>("customer.tickets.get", { ticketId: t.id })).data?.status).toBe(
      "open",
    );
  });

  it("refuses a stale version with 409 naming who changed the ticket", async () => {
    const agent = await staffClient("agent");
    const lead = await staffClient("lead");
    const t = await bloomTicket();
    const seen = (await agent.query<StaffTicket>("staff.tickets.get", { number: t.number }))
      .data as StaffTicket;
    expect(
      (
        await lead.mutate("staff.tickets.setStatus", {
          ticketId: t.id,
          status: "on_hold",
          expectedVersion: seen.version,
        })
      ).status,
    ).toBe(200);
    const stale = await agent.mutate("staff.tickets.setStatus", {
      ticketId: t.id,
      status: "pending_customer",
      expectedVersion: seen.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.error?.message).toMatch(/^Lee Lead changed the status while you were working on it/);
  });

  it("keeps everyone else out: customers, other tenants, roles that don't work tickets", async () => {
    const t = await bloomTicket();
    const fraud = await staffClient("fraud_analyst");
    expect((await fraud.query("staff.tickets.get", { number: t.number })).status).toBe(403);
    const acme = await customer("owner@acme.test");
    expect((await acme.query("staff.tickets.get", { number: t.number })).status).toBe(403);
    const foreign = await acme.mutate("customer.tickets.reply", {
      ticketId: t.id,
      body: "Not my ticket",
      idempotencyKey: key(),
    });
    expect(foreign.status).toBe(404);
    expect((await acme.mutate("customer.tickets.markSolved", { ticketId: t.id })).status).toBe(404);
    const noKey = await acme.mutate("customer.tickets.reply", { ticketId: t.id, body: "x" });
    expect(noKey.status).toBe(400);
    const messages = await server.deps.db
      .selectFrom("ticket_messages")
      .select("id")
      .where("ticket_id", "=", t.id)
      .where("body", "=", "Not my ticket")
      .execute();
    expect(messages).toHaveLength(0);
  });
});
