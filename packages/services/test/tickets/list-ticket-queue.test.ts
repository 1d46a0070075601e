import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTicketQueue, openTicket } from "../../src/index.ts";
import { makeAccount, makeStaff, testDeps } from "../support/fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const HOUR = 3_600_000;
const meta = { requestId: "queue-test", ip: "192.0.2.7", userAgent: "vitest" };

describe("the agents' ticket queue", () => {
  it("puts escalated tickets first, then unanswered ones, oldest first, and says which are escalated", async () => {
    const db = database.db;
    const acct = await makeAccount(db, "Queue");
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR);
    const ticket = async (subject: string, hoursAgo: number, answeredHoursAgo: number | null) => {
      await db
        .insertInto("tickets")
        .values({
          account_id: acct.accountId,
          opened_by_user_id: acct.ownerId,
          category: "other",
          subject,
          // An answered ticket waits on the customer (what a public reply leaves it as).
          status: answeredHoursAgo === null ? "new" : "pending_customer",
          clock_paused_since: answeredHoursAgo === null ? null : at(answeredHoursAgo),
          form: JSON.stringify({}),
          assignee_staff_id: null,
          case_id: null,
          enforcement_id: null,
          escalated_at: null,
          first_response_at: answeredHoursAgo === null ? null : at(answeredHoursAgo),
          age_alarm: null,
          solved_at: null,
          created_at: at(hoursAgo),
          updated_at: at(hoursAgo),
        })
        .execute();
    };
    await ticket("Answered, oldest", 72, 70);
    await ticket("Unanswered, old", 50, null);
    await ticket("Unanswered, new", 1, null);
    // Escalated by the customer through the form, the way the portal does it: the newest of all.
    const deps = testDeps(db);
    await openTicket(deps, { userId: acct.ownerId, accountId: acct.accountId }, meta, {
      category: "account_takeover",
      subject: "Someone is sending from my account",
      body: "Our password was changed and mail we did not write is going out. Please stop it.",
      form: { escalate: true },
    });
    await openTicket(deps, { userId: acct.ownerId, accountId: acct.accountId }, meta, {
      category: "account_takeover",
      subject: "Not escalated takeover question",
      body: "A question about the takeover process, no rush on this one at all.",
      form: { escalate: false },
    });

    const staff = await makeStaff(db, "agent");
    const queue = (await listTicketQueue(deps, { staffId: staff.staffId }, { view: "open" })).rows.filter(
      (t) => t.account.name.startsWith("Queue"),
    );
    expect(queue.map((t) => [t.subject, t.escalatedAt !== null])).toEqual([
      ["Someone is sending from my account", true],
      ["Unanswered, old", false],
      ["Unanswered, new", false],
      ["Not escalated takeover question", false],
      ["Answered, oldest", false],
    ]);
    const escalated = await db
      .selectFrom("tickets")
      .select("escalated_at")
      .where("subject", "=", "Someone is sending from my account")
      .executeTakeFirstOrThrow();
    expect(queue[0]?.escalatedAt).toEqual(escalated.escalated_at);
  });
});
