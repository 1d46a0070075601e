import { issueApiKey, recordExposure } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

let n = 0;
async function customer() {
  n += 1;
  const client = new BrowserClient(server.url);
  await client.open();
  const email = `ticketer${n}@acme-tickets.test`;
  const reply = await signUpThroughMail(server, client, {
    email,
    password: "a-long-enough-password",
    name: `Ticketer ${n}`,
    accountName: `Tickets Inc ${n}`,
  });
  expect(reply.status).toBe(200);
  return { client, email, accountId: reply.data?.account.id as string };
}

async function issueKey(accountId: string) {
  const issued = await issueApiKey(server.deps.db, {
    accountId,
    name: "Production sender",
    createdByUserId: null,
  });
  return { keyId: issued.keyId, secret: issued.key.slice(26), full: issued.key };
}

describe("opening tickets", () => {
  it("opens a ticket on the caller's account with the 24–48 h window, an acknowledgement mail and an audit event", async () => {
    const { client, email, accountId } = await customer();
    const opened = await client.mutate<{ id: string; number: number }>("customer.tickets.open", {
      category: "other",
      subject: "Question about invoices",
      body: "Where can I download last month's invoice?",
    });
    expect(opened.status).toBe(200);
    const list =
      await client.query<
        Array<{ id: string; firstResponseDueBy: { expected: string; latest: string } | null }>
      >("customer.tickets.list");
    expect(list.data?.map((t) => t.id)).toEqual([opened.data?.id]);
    const window = list.data?.[0]?.firstResponseDueBy;
    expect(new Date(window?.latest ?? 0).getTime() - new Date(window?.expected ?? 0).getTime()).toBe(
      24 * 3_600_000,
    );
    const mail = await server.deps.db
      .selectFrom("mail_outbox")
      .select("subject")
      .where("to_address", "=", email)
      .where("template", "=", "ticket_received")
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain(`#${opened.data?.number}`);
    const audit = await server.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("account_id", "=", accountId)
      .where("action", "=", "ticket.opened")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("redacts an API key pasted into a ticket before storing it, revokes it and tells the customer — without restricting the account", async () => {
    const { client, accountId, email } = await customer();
    const key = await issueKey(accountId);
    const opened = await client.mutate<{ id: string; redactedKeys: number }>("customer.tickets.open", {
      category: "exposed_credentials",
      subject: "I think my key leaked",
      body: `I accidentally committed this: ${key.full} — what do I do?`,
      // The likeliest place to paste it: the answer to "where was the key published?".
      form: { whereLeaked: `here it is: ${key.full}`, rotationConfirmed: false },
    });
    expect(opened.data?.redactedKeys).toBe(1);
    const stored = await server.deps.db
      .selectFrom("ticket_messages")
      .select(["body", "redacted_key_count"])
      .where("ticket_id", "=", opened.data?.id as string)
      .executeTakeFirstOrThrow();
    expect(stored.body).toContain(`SG.${key.keyId}.[redacted]`);
    expect(stored.redacted_key_count).toBe(1);
    for (const table of [
      "ticket_messages",
      "tickets",
      "audit_events",
      "mail_outbox",
      "credential_exposures",
    ] as const) {
      expect(JSON.stringify(await server.deps.db.selectFrom(table).selectAll().execute())).not.toContain(
        key.secret,
      );
    }
    const revoked = await server.deps.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("key_id", "=", key.keyId)
      .executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();
    const overview = await client.query<{
      account: { state: string };
      restrictions: Array<{ reason: string }>;
    }>("customer.account.overview");
    // It reached only us: no restriction, no case; the customer is told once.
    expect(overview.data?.account.state).toBe("active");
    expect(overview.data?.restrictions).toEqual([]);
    const told = await server.deps.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", email)
      .where("template", "=", "credential_pasted_in_ticket")
      .execute();
    expect(told).toHaveLength(1);
  });

  it("links a ticket to the enforcement it is about and time-stamps the customer's confirmed rotation", async () => {
    const { client, accountId } = await customer();
    const key = await issueKey(accountId);
    await recordExposure(server.deps, { type: "service", name: "exposure-scan" }, null, {
      candidate: key.full,
      source: "exposure_scan",
      location: "https://paste.example/abc",
    });
    const confirm = await client.mutate<{ id: string }>("customer.tickets.open", {
      category: "exposed_credentials",
      subject: "Rotation done",
      body: "We revoked it, created a new one and purged the logs.",
      form: { whereLeaked: "application logs", rotationConfirmed: true },
    });
    const ticket = await server.deps.db
      .selectFrom("tickets")
      .select(["enforcement_id", "case_id", "form"])
      .where("id", "=", confirm.data?.id as string)
      .executeTakeFirstOrThrow();
    expect(ticket.enforcement_id).not.toBeNull();
    expect(ticket.case_id).not.toBeNull();
    expect(ticket.form).toHaveProperty("remediationConfirmedAt");
  });

  it("names the failing form fields, and refuses a case number of another account", async () => {
    const { client } = await customer();
    const bad = await client.mutate("customer.tickets.open", {
      category: "dormant_account",
      subject: "Reactivate",
      body: "Please",
      form: { intendedUse: "short", expectedMonthlyVolume: -5, sendingDomains: [] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.error?.data.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["form.intendedUse", "form.expectedMonthlyVolume", "form.sendingDomains"]),
    );
    const otherCase = await client.mutate("customer.tickets.open", {
      category: "account_takeover",
      subject: "Help",
      body: "I was hacked",
      form: { caseNumber: "TD-2026-999999" },
    });
    expect(otherCase.status).toBe(400);
    expect(otherCase.error?.data.fieldErrors).toEqual({ "form.caseNumber": "Not a case of your account" });
  });
});
