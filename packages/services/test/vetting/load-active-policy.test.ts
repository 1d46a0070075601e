import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { DEFAULT_VETTING_POLICY } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActiveVettingPolicy, VettingPolicyUnavailableError } from "../../src/index.ts";
import { signUpThroughEmail, startTestDnsServer, type TestDnsServer } from "../../src/testing/index.ts";
import { meta, signUpInput, vettingDeps } from "./support/vetting-fixtures.ts";

let database: TestDatabase;
let dns: TestDnsServer;
beforeAll(async () => {
  database = await createTestDatabase();
  dns = await startTestDnsServer({}, { fallback: { mx: ["mx.test"], a: ["192.0.2.1"] } });
});
afterAll(async () => {
  await dns?.close();
  await database?.destroy();
});

describe("the stored vetting policy", () => {
  it("ships as version 1, active, equal to the domain's default (migration 0003)", async () => {
    const rows = await database.db.selectFrom("vetting_policies").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: 1, active: true, review_threshold: 40, reject_threshold: 80 });
    expect(await loadActiveVettingPolicy(database.db)).toEqual(DEFAULT_VETTING_POLICY);
  });

  it("a broken stored policy fails the sign-up loudly, naming the problem, and leaves nothing behind", async () => {
    const deps = vettingDeps(database.db, dns.servers);
    await database.db
      .updateTable("vetting_policies")
      .set({ rules: JSON.stringify([{ id: "velocity_ip_24h", weight: 30, enabled: true, threshold: 0 }]) })
      .where("version", "=", 1)
      .execute();
    try {
      const input = signUpInput();
      const attempt = signUpThroughEmail(deps, meta(), input);
      await expect(attempt).rejects.toBeInstanceOf(VettingPolicyUnavailableError);
      await expect(attempt).rejects.toThrow(/version 1\) is invalid.*rules\.velocity_ip_24h\.threshold/);
      const user = await database.db
        .selectFrom("customer_users")
        .select("id")
        .where("email", "=", input.email)
        .executeTakeFirst();
      expect(user).toBeUndefined();
    } finally {
      await database.db
        .updateTable("vetting_policies")
        .set({ rules: JSON.stringify(DEFAULT_VETTING_POLICY.rules) })
        .where("version", "=", 1)
        .execute();
    }
  });

  it("no active policy fails loudly too, and says how to fix it", async () => {
    await database.db.updateTable("vetting_policies").set({ active: false }).execute();
    try {
      await expect(loadActiveVettingPolicy(database.db)).rejects.toThrow(/No active sign-up vetting policy/);
    } finally {
      await database.db
        .updateTable("vetting_policies")
        .set({ active: true })
        .where("version", "=", 1)
        .execute();
    }
    expect((await loadActiveVettingPolicy(database.db)).version).toBe(1);
  });
});
