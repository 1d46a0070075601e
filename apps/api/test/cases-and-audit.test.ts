import { DEMO_STAFF, seedDemoData } from "@trustdesk/services";
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

const staffClient = staffClients(() => server.url);
const ROLES = ["agent", "lead", "admin", "fraud_analyst", "security_analyst"] as const;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function demoCaseNumber(accountName: string) {
  return (
    await server.deps.db
      .selectFrom("cases as c")
      .innerJoin("accounts as a", "a.id", "c.account_id")
      .select("c.number")
      .where("a.name", "=", accountName)
      .executeTakeFirstOrThrow()
  ).number;
}

/** The strings of a reply a person reads (ids, cursors and hrefs' ids excluded). */
function prose(value: unknown, key = ""): string[] {
  if (typeof value === "string") return /(^id$|Id$|^cursor$|nextCursor)/.test(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => prose(v, key));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => prose(v, k));
  return [];
}

describe("cases and the audit log, role by role", () => {
  it("lets every staff role read cases (whoever may view accounts)", async () => {
    const number = await demoCaseNumber("Northwind Traders");
    for (const role of ROLES) {
      const client = await staffClient(role);
      const list = await client.query<{ cases: Array<{ number: string }> }>("staff.cases.list", {
        status: "all",
      });
      expect(list.status, role).toBe(200);
      expect(list.data?.cases.map((c) => c.number)).toContain(number);
      const one = await client.query("staff.cases.get", { number });
      expect(one.status, role).toBe(200);
    }
  });

  it("lets leads, admins and the analysts read the audit log, and refuses agents", async () => {
    for (const role of ROLES) {
      const client = await staffClient(role);
      const log = await client.query("staff.audit.list", {});
      const actors = await client.query("staff.audit.actors");
      const allowed = role !== "agent";
      expect(log.status, role).toBe(allowed ? 200 : 403);
      expect(actors.status, role).toBe(allowed ? 200 : 403);
    }
  });

  it("refuses both without a staff session", async () => {
    const anonymous = new BrowserClient(server.url);
    await anonymous.open();
    expect((await anonymous.query("staff.cases.list", {})).status).toBe(401);
    expect((await anonymous.query("staff.audit.list", {})).status).toBe(401);
  });

  it("shows a demo case with its timeline by name, never a raw id in prose", async () => {
    const lead = await staffClient("lead");
    const number = await demoCaseNumber("Northwind Traders");
    const reply = await lead.query<{
      case: { number: string };
      account: { name: string };
      timeline: Array<{ actionLabel: string; actorLabel: string }>;
    }>("staff.cases.get", { number: number.toLowerCase() });
    expect(reply.data?.case.number).toBe(number);
    expect(reply.data?.account.name).toBe("Northwind Traders");
    expect(reply.data?.timeline.map((e) => e.actionLabel)).toContain("Case opened");
    for (const text of prose(reply.data)) expect(text).not.toMatch(UUID);

    const missing = await lead.query("staff.cases.get", { number: "TD-1999-000001" });
    expect(missing.status).toBe(404);
  });

  it("answers bad filters with a 400 naming the field, and filters by actor", async () => {
    const admin = await staffClient("admin");
    const bad = await admin.query("staff.audit.list", { from: "2026-02-30" });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.fieldErrors).toEqual({ from: "Enter a date as YYYY-MM-DD, e.g. 2026-03-01" });
    const reversed = await admin.query("staff.audit.list", { from: "2026-03-02", to: "2026-03-01" });
    expect(reversed.status).toBe(400);
    expect(reversed.error?.data.fieldErrors).toEqual({ to: "The end date is before the start date" });
    const cursor = await admin.query("staff.audit.list", { cursor: "page-2" });
    expect(cursor.status).toBe(400);
    const unknownAccount = await admin.query("staff.audit.list", {
      accountId: "7d8f6a52-0000-4000-8000-000000000000",
    });
    expect(unknownAccount.status).toBe(404);

    const fraudId = (
      await server.deps.db
        .selectFrom("staff_users")
        .select("id")
        .where("email", "=", DEMO_STAFF.find((s) => s.role === "fraud_analyst")?.email ?? "")
        .executeTakeFirstOrThrow()
    ).id;
    await staffClient("fraud_analyst"); // signs in: an auth.signed_in event by the analyst
    const byFraud = await admin.query<{
      events: Array<{ actorLabel: string }>;
      filters: { actorLabel: string };
    }>("staff.audit.list", { actor: `staff:${fraudId}` });
    expect(byFraud.status).toBe(200);
    expect(byFraud.data?.events.length).toBeGreaterThan(0);
    const label = byFraud.data?.filters.actorLabel;
    expect(label).toMatch(/\(fraud analyst\)$/);
    expect(byFraud.data?.events.every((e) => e.actorLabel === label)).toBe(true);
  });
});
