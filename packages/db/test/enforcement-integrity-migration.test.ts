import { Migrator } from "kysely/migration";
import { describe, expect, it } from "vitest";
import { migrateToLatest, migrations } from "../src/index.ts";
import { createTestDatabase } from "../src/testing/index.ts";

describe("migration 0006-enforcement-integrity", () => {
  it("folds the duplicate open cases the old race left behind, then allows one open case per reason", async () => {
    await using t = await createTestDatabase({ migrated: false });
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0004-enforcement-lifts")).error).toBeUndefined();
    const account = await t.db
      .insertInto("accounts")
      .values({ name: "Raced", website: null, country: null, signup_ip: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const openCase = (number: string, createdAt: string) =>
      t.db
        .insertInto("cases")
        .values({
          number,
          account_id: account.id,
          reason: "account_takeover",
          summary: "reported",
          hotline_number: null,
          opened_by_staff_id: null,
          opened_by_service: "detector",
          resolved_at: null,
          created_at: new Date(createdAt),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const older = await openCase("TD-2026-000001", "2026-01-01T00:00:00Z");
    const newer = await openCase("TD-2026-000002", "2026-01-01T00:00:01Z");
    await t.db
      .insertInto("enforcements")
      .values({
        account_id: account.id,
        reason: "account_takeover",
        policy_code: "ato.reported_by_detector",
        evidence: "{}",
        note: null,
        case_id: newer.id,
        created_by_staff_id: null,
        created_by_service: "detector",
        lifted_at: null,
        lifted_by_staff_id: null,
        lift_approved_by_staff_id: null,
        lift_decision: null,
      })
      .execute();

    await migrateToLatest(t.db);

    const cases = await t.db.selectFrom("cases").select(["id", "status"]).orderBy("created_at").execute();
    expect(cases).toEqual([
      { id: older.id, status: "open" },
      { id: newer.id, status: "resolved" },
    ]);
    const e = await t.db.selectFrom("enforcements").select("case_id").executeTakeFirstOrThrow();
    expect(e.case_id).toBe(older.id);
    await expect(openCase("TD-2026-000003", "2026-01-02T00:00:00Z")).rejects.toMatchObject({
      code: "23505",
      constraint: "cases_one_open_per_reason",
    });
  });
});
