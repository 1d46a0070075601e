import { DEMO_PASSWORD, seedDemoData } from "@trustdesk/services";
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

    // The password alone no longer opens the account: the owner recovers it with the mailed code.
    const customer = new BrowserClient(server.url);
    await customer.open();
    const signIn = await customer.mutate<{ status: string }>("customer.auth.signIn", {
      email: "owner@acme.test",
      password: DEMO_PASSWORD,
    });
    expect(signIn.data?.status).toBe("takeover_recovery");
    const mail = await server.deps.db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", "owner@acme.test")
      .where("template", "=", "ato_recovery_code")
      .executeTakeFirstOrThrow();
    const code =
      mail.text_body
        .match(/\b(\d{4}) (\d{4})\b/)
        ?.slice(1)
        .join("") ?? "";
    const recovered = await customer.mutate("customer.auth.verifyTakeoverRecovery", {
      email: "owner@acme.test",
      code,
    });
    expect(recovered.status).toBe(200);
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
    // The demo customer has not started recovering: nothing after the suspension is done yet.
    const unmet = assess.data?.requirements.filter((r) => !r.met).map((r) => r.code);
    expect(unmet).toEqual(
      expect.arrayContaining(["ato.password_changed", "ato.two_factor_enrolled", "ato.api_keys_revoked"]),
    );
  });

  it("lets only a lead decline a lift request (with a note), and only the requester withdraw it", async () => {
    const agent = await staffClient("agent");
    const lead = await staffClient("lead");
    const e = await server.deps.db
      .selectFrom("enforcements")
      .select("id")
      .where("account_id", "=", await accountId("Northwind Traders"))
      .where("reason", "=", "account_takeover")
      .executeTakeFirstOrThrow();
    const agentDecline = await agent.mutate("staff.enforcements.declineLiftRequest", {
      enforcementId: e.id,
      note: "agents may not decline",
    });
    expect(agentDecline.status).toBe(403);
    const shortNote = await lead.mutate("staff.enforcements.declineLiftRequest", {
      enforcementId: e.id,
      note: "no",
    });
    expect(shortNote.status).toBe(400);
    // Nothing was requested on the demo suspension: nothing to decline, nothing to withdraw.
    const nothing = await lead.mutate("staff.enforcements.declineLiftRequest", {
      enforcementId: e.id,
      note: "Call the owner on the number on file first",
    });
    expect(nothing.status).toBe(412);
    const withdraw = await agent.mutate<{ status: string }>("staff.enforcements.withdrawLiftRequest", {
      enforcementId: e.id,
    });
    expect(withdraw.data).toEqual({ status: "no_request", enforcementId: e.id });
  });

  it("finds accounts by owner email and shows the whole trust picture with the requirements' agent texts", async () => {
    const agent = await staffClient("agent");
    const found = await agent.query<Array<{ id: string; name: string; owner_email: string }>>(
      "staff.accounts.search",
      {
        query: "owner@pixelforge",
      },
    );
    expect(found.data?.map((a) => a.name)).toEqual(["Pixel Forge"]);
    const view = await agent.query<{
      apiKeys: Array<{ prefix: string; state: string; revokedReason: string | null }>;
      exposures: Array<{ keyPrefix: string; location: string }>;
      enforcements: Array<{
        reason: string;
        assessment: { satisfied: boolean; requirements: Array<{ agentText: string }> } | null;
      }>;
      activity: Array<{ day: string; mailSent: number }>;
    }>("staff.accounts.get", { accountId: found.data?.[0]?.id });
    expect(view.data?.apiKeys[0]?.prefix).toMatch(/^SG\.[A-Za-z0-9_-]{22}$/);
    expect(view.data?.apiKeys[0]).toMatchObject({ state: "revoked", revokedReason: "exposed" });
    expect(view.data?.exposures[0]?.location).toContain("code.example");
    const exposure = view.data?.enforcements.find((e) => e.reason === "exposed_credentials");
    expect(exposure?.assessment?.satisfied).toBe(false);
    expect(exposure?.assessment?.requirements.length).toBeGreaterThan(0);
    expect(view.data?.activity.length).toBe(30);
    expect(JSON.stringify(view.data)).not.toContain("secret_hash");
  });

  it("lists sign-ups waiting for review with their fired rules", async () => {
    const agent = await staffClient("agent");
    const queue = await agent.query<
      Array<{ accountName: string; firedRules: Array<{ rule: string; weight: number }> }>
    >("staff.enforcements.vettingQueue");
    const quick = queue.data?.find((q) => q.accountName === "Quick Promo Deals");
    expect(quick?.firedRules.map((r) => r.rule)).toContain("velocity_ip_24h");
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
