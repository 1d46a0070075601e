import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, migrations } from "../src/index.ts";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.ts";

describe("migrations", () => {
  it("apply on an empty database, and a second run is a no-op", async () => {
    await using fresh = await createTestDatabase({ migrated: false });
    const first = await migrateToLatest(fresh.db);
    expect(first.error).toBeUndefined();
    expect(first.results?.map((r) => [r.migrationName, r.status])).toEqual(
      Object.keys(migrations).map((name) => [name, "Success"]),
    );
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(fresh.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["accounts", "tickets", "audit_events", "mail_outbox", "enforcements"]),
    );
    const second = await migrateToLatest(fresh.db);
    expect(second.results).toEqual([]);
  });
});

describe("audit log", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it("accepts inserts and refuses UPDATE, DELETE and TRUNCATE", async () => {
    await t.db
      .insertInto("audit_events")
      .values({ actor_type: "system", action: "test.appended", subject_type: "test", subject_id: "1" })
      .execute();
    const refused = { code: "42501", message: expect.stringContaining("append-only") };
    await expect(
      t.db.updateTable("audit_events").set({ action: "test.rewritten" }).execute(),
    ).rejects.toMatchObject(refused);
    await expect(t.db.deleteFrom("audit_events").execute()).rejects.toMatchObject(refused);
    await expect(sql`truncate audit_events`.execute(t.db)).rejects.toMatchObject(refused);
    const rows = await t.db.selectFrom("audit_events").select(["action"]).execute();
    expect(rows).toEqual([{ action: "test.appended" }]);
  });
});
