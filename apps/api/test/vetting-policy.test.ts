import { STAFF_PERMISSIONS, type StaffRole } from "@trustdesk/domain";
import { seedDemoData } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
const ROLES: StaffRole[] = ["agent", "lead", "admin", "fraud_analyst", "security_analyst"];

interface Detail {
  version: number;
  revision: number;
  state: string;
  policy: { rules: Array<{ id: string; weight: number }>; reviewThreshold: number; rejectThreshold: number };
}

describe("vetting policy procedures, per staff role", () => {
  it("lets those who review sign-ups read the policy, and nobody else", async () => {
    for (const role of ROLES) {
      const client = await staffClient(role);
      const active = await client.query<Detail>("staff.vettingPolicy.version", {});
      const versions = await client.query<unknown[]>("staff.vettingPolicy.versions");
      const allowed = (STAFF_PERMISSIONS["vetting.review"] as readonly StaffRole[]).includes(role);
      expect(active.status, role).toBe(allowed ? 200 : 403);
      expect(versions.status, role).toBe(allowed ? 200 : 403);
      if (allowed) {
        expect(active.data).toMatchObject({ version: 1, state: "published", active: true });
        expect(active.data?.policy.reviewThreshold).toBe(40);
      }
    }
  });

  it("lets only admins open, edit, replay and publish a draft", async () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const client = await staffClient(role);
      const draft = await client.mutate("staff.vettingPolicy.createDraft", {});
      expect(draft.status, role).toBe(403);
      const replay = await client.query("staff.vettingPolicy.replay", { version: 1, days: 7 });
      expect(replay.status, role).toBe(403);
      const publish = await client.mutate("staff.vettingPolicy.publish", { version: 1, expectedRevision: 0 });
      expect(publish.status, role).toBe(403);
    }
    const rows = await server.deps.db.selectFrom("vetting_policies").select("version").execute();
    expect(rows).toHaveLength(1);

    const admin = await staffClient("admin");
    const created = await admin.mutate<{ version: number; revision: number }>(
      "staff.vettingPolicy.createDraft",
      { note: "API test" },
    );
    expect(created.status).toBe(200);
    expect(created.data).toEqual({ version: 2, revision: 0 });
    const draft = await admin.query<Detail>("staff.vettingPolicy.version", { version: 2 });
    const rules = draft.data?.policy.rules.map((r) =>
      r.id === "free_mail_domain" ? { ...r, weight: 40 } : r,
    );

    // A mistake is a 400 naming the field, not a 500.
    const bad = await admin.mutate("staff.vettingPolicy.updateDraft", {
      version: 2,
      expectedRevision: 0,
      rules,
      reviewThreshold: 50,
      rejectThreshold: 50,
    });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.fieldErrors).toMatchObject({ rejectThreshold: expect.stringMatching(/higher/) });

    // A lead cannot edit the draft either, though it exists.
    const leadEdit = await (await staffClient("lead")).mutate("staff.vettingPolicy.updateDraft", {
      version: 2,
      expectedRevision: 0,
      rules,
      reviewThreshold: 40,
      rejectThreshold: 80,
    });
    expect(leadEdit.status).toBe(403);

    const saved = await admin.mutate("staff.vettingPolicy.updateDraft", {
      version: 2,
      expectedRevision: 0,
      rules,
      reviewThreshold: 40,
      rejectThreshold: 80,
    });
    expect(saved.status).toBe(200);
    const replay = await admin.query<{ replayed: number; changed: number; matrix: unknown }>(
      "staff.vettingPolicy.replay",
      { version: 2, days: 30 },
    );
    expect(replay.status).toBe(200);
    expect(replay.data?.replayed).toBeGreaterThanOrEqual(0);
    const tooLong = await admin.query("staff.vettingPolicy.replay", { version: 2, days: 365 });
    expect(tooLong.status).toBe(400);

    const published = await admin.mutate("staff.vettingPolicy.publish", { version: 2, expectedRevision: 1 });
    expect(published.status).toBe(200);
    const again = await admin.mutate("staff.vettingPolicy.publish", { version: 2, expectedRevision: 1 });
    expect(again.status).toBe(409);
    const active = await (await staffClient("agent")).query<Detail>("staff.vettingPolicy.version", {});
    expect(active.data?.version).toBe(2);
    expect(active.data?.policy.rules.find((r) => r.id === "free_mail_domain")?.weight).toBe(40);
  });
});
