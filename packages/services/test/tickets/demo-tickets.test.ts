import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { CLOCK_PAUSED_STATUSES } from "@trustdesk/domain";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getTicketForStaff, seedDemoData } from "../../src/index.ts";
import { testDeps } from "../support/fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

it("seeds demo tickets whose clocks agree with their status: none waiting on the customer reads as late", async () => {
  const deps = testDeps(database.db);
  await seedDemoData(deps);
  const tickets = await database.db.selectFrom("tickets").select(["number", "status"]).execute();
  const waiting = tickets.filter((t) => CLOCK_PAUSED_STATUSES.includes(t.status));
  expect(waiting.length).toBeGreaterThan(0);
  for (const t of waiting) {
    const ticket = await getTicketForStaff(deps, { number: Number(t.number) });
    expect(ticket.clock.state).toBe("paused");
    expect(ticket.clock.alarm).toBeNull();
  }
});
