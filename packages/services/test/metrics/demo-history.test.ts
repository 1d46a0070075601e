import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { lastDaysRange } from "@trustdesk/domain";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getTeamMetrics, listRecentlyRestrictedAccounts, seedDemoData } from "../../src/index.ts";
import { testDeps } from "../support/fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

it("the demo's history fills the charts and leaves the live work as it was: closed tickets, lifted restrictions", async () => {
  const deps = testDeps(database.db);
  await seedDemoData(deps);
  const m = await getTeamMetrics(deps, lastDaysRange(new Date(), 60));
  expect(m.tickets.flow.reduce((s, d) => s + d.opened, 0)).toBeGreaterThan(60);
  expect(m.tickets.firstResponse.total.answered).toBeGreaterThan(60);
  expect(m.tickets.firstResponse.total.over48h).toBeGreaterThan(0);
  expect(m.enforcements.allReasons.lifts).toBeGreaterThanOrEqual(9);
  expect(m.vetting.overturned).toBeGreaterThan(0);

  // Nothing of the history is live work: every history ticket is closed, every restriction lifted.
  const live = await database.db
    .selectFrom("tickets")
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .where("status", "<>", "closed")
    .executeTakeFirstOrThrow();
  expect(Number(live.n)).toBe(6);
  const restricted = await listRecentlyRestrictedAccounts(deps);
  expect(restricted.map((r) => r.accountName).sort()).toEqual([
    "Northwind Traders",
    "Pixel Forge",
    "Quick Promo Deals",
    "Sleepy Hollow Inn",
  ]);
});
