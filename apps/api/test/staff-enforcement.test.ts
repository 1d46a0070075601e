import { DEMO_PASSWORD, DEMO_STAFF, seedDemoData } from "@trustdesk/services";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(server.deps);
});
afterAll(async () => {
  await server.close();
});

async function staffClient(role: string) {
  const s = DEMO_STAFF.find((x) => x.role === role);
  if (!s) throw new Error(role);
  const client = new BrowserClient(server.url);
  await client.open();
  await client.mutate("staff.auth.signIn", { email: s.email, password: DEMO_PASSWORD });
  const ok = await client.mutate("staff.auth.verifySecondFactor", {
    code: await generate({ secret: s.totpSecret }),
  });
  expect(ok.status).toBe(200);
  return client;
}

async function accountId(name: string) {
  return (
    await server.deps.db
      .selectFrom("accounts")
      .select("id")
      .where("name", "=", name)
      .executeTakeFirstOrThrow()
  ).id;
}

describe("enforcement procedures for staff", () => {
  it("lets a fraud analyst report a compromise and shows the customer the case, hotline and checklist", async () => {
    const fraud = await staffClient("fraud_analyst");
    const acme = await accountId("Acme Newsletters");
    const reply = await fraud.mutate<{ caseNumber: string }>("staff.enforcements.reportCompromise", {
      reportId: "dash-1",
      accountId: acme,
      summary: "Customer called: unknown sender domain added",
      signals: [],
    });
    expect(reply.status).toBe(200);

    const customer = new BrowserClient(server.url);
    await customer.open();
    expect(
      (await customer.mutate("customer.auth.signIn", { email: "owner@acme.test", password: DEMO_PASSWORD }))
        .status,
    ).toBe(200);
    const overview = await customer.query<{
      account: { state: string };
      restrictions: Array<{
        caseNumber: string;
        hotlineNumber: string;
        checklist: Array<{ text: string; done: boolean }>;
      }>;
    }>("customer.account.overview");
    expect(overview.data?.account.state).toBe("restricted");
    const ato = overview.data?.restrictions[0];
    expect(ato?.caseNumber).toBe(reply.data?.caseNumber);
    expect(ato?.hotlineNumber).toBe(server.deps.config.hotlineNumber);
    expect(ato?.checklist.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(overview.data)).not.toMatch(/ato\.|policy|weight|dash-1/);
  });

  it("keeps the four-eyes rule at the door: an agent may request an ATO lift but not approve it", async () => {
    const agent = await staffClient("agent");
    const northwind = await accountId("Northwind Traders");
    const e = await server.deps.db
      .selectFrom("enforcements")
      .select("id")
      .where("account_id", "=", northwind)
      .where("reason", "=", "account_takeover")
      .executeTakeFirstOrThrow();
    const approve = await agent.mutate("staff.enforcements.approveLift", { enforcementId: e.id });
    expect(approve.status).toBe(403);
    const lift = await agent.mutate<unknown>("staff.enforcements.lift", { enforcementId: e.id });
    expect(lift.status).toBe(412);
    expect(lift.error?.message).toMatch(/^Not yet:/);
    const assess = await agent.query<{
      satisfied: boolean;
      requirements: Array<{ code: string; met: boolean }>;
    }>("staff.enforcements.assess", { enforcementId: e.id });
    expect(assess.data?.satisfied).toBe(false);
  });

  it("refuses customers on every enforcement procedure", async () => {
    const customer = new BrowserClient(server.url);
    await customer.open();
    await customer.mutate("customer.auth.signIn", { email: "owner@bloom.test", password: DEMO_PASSWORD });
    const reply = await customer.mutate("staff.enforcements.openManual", {
      accountId: await accountId("Bloom Florists"),
      reason: "other",
      note: "trying to restrict myself",
    });
    expect(reply.status).toBe(403);
  });
});
