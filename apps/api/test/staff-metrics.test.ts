import { lastDaysRange } from "@trustdesk/domain";
import { DEMO_PASSWORD, getTeamMetrics, seedDemoData } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { staffClients } from "./support/staff-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(server.deps);
});
afterAll(async () => {
  await server.close();
});

// One signed-in client per role: a TOTP code works once per 30-second step (replay protection).
const staffClient = staffClients(() => server.url);

describe("who reads the team's numbers", () => {
  it("every staff role (analysts included: aggregates only) reads the metrics; a customer and nobody do not", async () => {
    const range = lastDaysRange(new Date());
    for (const role of ["agent", "lead", "admin", "fraud_analyst", "security_analyst"]) {
      const staff = await staffClient(role);
      const reply = await staff.query<{ range: { from: string } }>("staff.metrics.overview", range);
      expect(reply.status, role).toBe(200);
      expect(reply.data?.range.from).toBe(range.from);
    }
    const customer = new BrowserClient(server.url);
    await customer.open();
    await customer.mutate("customer.auth.signIn", { email: "owner@bloom.test", password: DEMO_PASSWORD });
    expect((await customer.query("customer.account.overview")).status).toBe(200);
    expect((await customer.query("staff.metrics.overview", range)).status).toBe(403);
    const anonymous = new BrowserClient(server.url);
    await anonymous.open();
    expect((await anonymous.query("staff.metrics.overview", range)).status).toBe(401);
  });

  it("answers what the service computes, and refuses a bad range with a 400 naming the field", async () => {
    const lead = await staffClient("lead");
    const range = lastDaysRange(new Date(), 60);
    const reply = await lead.query<{ tickets: { flow: unknown } }>("staff.metrics.overview", range);
    const direct = await getTeamMetrics(server.deps, range);
    expect(reply.data?.tickets.flow).toEqual(direct.tickets.flow);

    const zero = await lead.query("staff.metrics.overview", { from: "0000-01-01", to: range.to });
    expect(zero.status).toBe(400);
    expect(zero.error?.data?.fieldErrors).toEqual({ from: "The start date must fall between 2000 and 2100" });
    const backwards = await lead.query("staff.metrics.overview", { from: range.to, to: range.from });
    expect(backwards.status).toBe(400);
    expect(backwards.error?.data?.fieldErrors).toEqual({
      to: "The end date must not be before the start date",
    });
  });

  it("lists the recently restricted accounts by name beside search, newest first, and by reason", async () => {
    const agent = await staffClient("agent");
    const all = await agent.query<Array<{ accountName: string; reason: string }>>(
      "staff.accounts.recentlyRestricted",
      {},
    );
    expect(all.status).toBe(200);
    expect(new Set(all.data?.map((a) => a.reason))).toEqual(
      new Set(["account_takeover", "signup_vetting", "dormancy", "exposed_credentials"]),
    );
    const dormant = await agent.query<Array<{ accountName: string }>>("staff.accounts.recentlyRestricted", {
      reason: "dormancy",
    });
    expect(dormant.data?.map((a) => a.accountName)).toEqual(["Sleepy Hollow Inn"]);
  });
});
