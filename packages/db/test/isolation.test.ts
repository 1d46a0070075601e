import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseServer } from "../src/testing/index.ts";

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testDatabaseServer().adminConnectionString });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe("per-file databases", () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([a?.destroy(), b?.destroy()]);
  });

  it("are distinct, migrated copies of the template", async () => {
    expect(a.name).not.toBe(b.name);
    const current = await sql<{ db: string }>`select current_database() as db`.execute(a.db);
    expect(current.rows[0]?.db).toBe(a.name);
    const migrated = await a.db
      .selectFrom("kysely_migration" as never)
      .selectAll()
      .execute();
    expect(migrated.length).toBeGreaterThan(0);
  });

  it("do not see each other's rows", async () => {
    await a.db.insertInto("accounts").values({ name: "Only in A" }).execute();
    const inA = await a.db.selectFrom("accounts").select("name").execute();
    const inB = await b.db.selectFrom("accounts").select("name").execute();
    expect(inA).toEqual([{ name: "Only in A" }]);
    expect(inB).toEqual([]);
  });

  it("are dropped by destroy, which may be called twice", async () => {
    const c = await createTestDatabase();
    expect(await databaseExists(c.name)).toBe(true);
    await c.destroy();
    await c.destroy();
    expect(await databaseExists(c.name)).toBe(false);
  });
});
