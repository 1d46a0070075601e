import { DEMO_PASSWORD, DEMO_STAFF, recordExposure, seedDemoData } from "@trustdesk/services";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(server.deps);
});
afterAll(async () => {
  await server.close();
});

let n = 0;
async function owner() {
  n += 1;
  const client = new BrowserClient(server.url);
  await client.open();
  const reply = await signUpThroughMail(server, client, {
    email: `keys${n}@acme-keys.test`,
    password: "a-long-enough-password",
    name: `Key Owner ${n}`,
    accountName: `Keys Inc ${n}`,
  });
  expect(reply.status).toBe(200);
  return { client, accountId: reply.data?.account.id as string };
}

type Key = { id: string; key: string; prefix: string };
type Listed = { id: string; prefix: string; state: string };

describe("customers manage their API keys", () => {
  it("shows a new key once, lists only its prefix, and revokes it", async () => {
    const { client } = await owner();
    const created = await client.mutate<Key>("customer.apiKeys.create", { name: "Production sender" });
    expect(created.data?.key).toMatch(/^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    const list = await client.query<Listed[]>("customer.apiKeys.list");
    expect(list.data).toEqual([
      expect.objectContaining({ id: created.data?.id, prefix: created.data?.prefix, state: "active" }),
    ]);
    expect(JSON.stringify(list.data)).not.toContain(created.data?.key.slice(26));
    expect((await client.mutate("customer.apiKeys.revoke", { keyId: created.data?.id })).status).toBe(200);
    const after = (await client.query<Listed[]>("customer.apiKeys.list")).data?.[0];
    expect(after?.state).toBe("revoked");
    // The revocation reason is internal: staff see it, the customer does not.
    expect(after).not.toHaveProperty("revokedReason");
  });

  it("never lets one account touch another's key, and keeps members out of key management", async () => {
    const a = await owner();
    const b = await owner();
    const bKey = await b.client.mutate<Key>("customer.apiKeys.create", { name: "B's key" });
    const probe = await a.client.mutate("customer.apiKeys.revoke", { keyId: bKey.data?.id });
    expect(probe.status).toBe(404);
    expect((await b.client.query<Listed[]>("customer.apiKeys.list")).data?.[0]?.state).toBe("active");

    const hash = await server.deps.db
      .selectFrom("customer_users")
      .select("password_hash")
      .where("account_id", "=", a.accountId)
      .executeTakeFirstOrThrow();
    await server.deps.db
      .insertInto("customer_users")
      .values({
        account_id: a.accountId,
        email: `member${n}@acme-keys.test`,
        name: "Member",
        role: "member",
        password_hash: hash.password_hash,
        totp_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        last_sign_in_at: null,
      })
      .execute();
    const member = new BrowserClient(server.url);
    await member.open();
    await member.mutate("customer.auth.signIn", {
      email: `member${n}@acme-keys.test`,
      password: "a-long-enough-password",
    });
    expect((await member.mutate("customer.apiKeys.create", { name: "sneaky" })).status).toBe(403);
    expect((await member.query<Listed[]>("customer.apiKeys.list")).status).toBe(200);
  });
});

describe("an exposed key, end to end", () => {
  it("found in public → revoked and restricted → replaced and confirmed by the customer → lifted by an agent", async () => {
    const { client, accountId } = await owner();
    const leaked = await client.mutate<Key>("customer.apiKeys.create", { name: "CI deploy key" });
    // (A key pasted into one of our own tickets is revoked without a restriction: tickets.test.ts.)
    await recordExposure(server.deps, { type: "service", name: "exposure-scan" }, null, {
      candidate: leaked.data?.key as string,
      source: "exposure_scan",
      location: "https://forum.example/t/123",
    });
    const overview = await client.query<{
      account: { state: string };
      restrictions: Array<{ id: string; checklist: Array<{ done: boolean }> }>;
    }>("customer.account.overview");
    expect(overview.data?.account.state).toBe("restricted");
    const enforcementId = overview.data?.restrictions[0]?.id as string;
    expect(overview.data?.restrictions[0]?.checklist.some((c) => !c.done)).toBe(true);

    const agentIdentity = DEMO_STAFF.find((s) => s.role === "agent");
    if (!agentIdentity) throw new Error("no demo agent");
    const agent = new BrowserClient(server.url);
    await agent.open();
    await agent.mutate("staff.auth.signIn", { email: agentIdentity.email, password: DEMO_PASSWORD });
    await agent.mutate("staff.auth.verifySecondFactor", {
      code: await generate({ secret: agentIdentity.totpSecret }),
    });
    expect((await agent.mutate("staff.enforcements.lift", { enforcementId })).status).toBe(412);

    await client.mutate<Key>("customer.apiKeys.create", { name: "CI deploy key (new)" });
    await client.mutate("customer.tickets.open", {
      category: "exposed_credentials",
      subject: "Rotated",
      body: "Replaced the key and removed the post.",
      form: { whereLeaked: "a public forum", rotationConfirmed: true },
    });
    const lifted = await agent.mutate<{ status: string; accountRestored: boolean }>(
      "staff.enforcements.lift",
      {
        enforcementId,
        note: "Customer rotated and confirmed",
      },
    );
    expect(lifted.data).toMatchObject({ status: "lifted", accountRestored: true });
    const after = await client.query<{ account: { state: string } }>("customer.account.overview");
    expect(after.data?.account.state).toBe("active");
    const mails = await server.deps.db
      .selectFrom("mail_outbox")
      .select("template")
      .where("template", "in", ["credential_exposed", "access_restored"])
      .execute();
    expect(mails.map((m) => m.template)).toEqual(
      expect.arrayContaining(["credential_exposed", "access_restored"]),
    );
    const trail = await server.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("account_id", "=", accountId)
      .execute();
    expect(trail.map((t) => t.action)).toEqual(
      expect.arrayContaining([
        "api_key.created",
        "api_key.revoked",
        "credential_exposure.recorded",
        "enforcement.lifted",
      ]),
    );
  });
});
