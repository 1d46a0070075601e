import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepTicketAgeAlarms } from "../../src/index.ts";
import { H, insertTicket } from "../queue/support.ts";
import { makeAccount, makeStaff, testDeps } from "../support/fixtures.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ maxConnections: 12 });
});
afterAll(() => t.destroy());

async function alarmMails(ticketNumber: number) {
  return t.db
    .selectFrom("mail_outbox")
    .select(["to_address", "template"])
    .where("subject", "like", `[#${ticketNumber}]%`)
    .orderBy("template")
    .orderBy("to_address")
    .execute();
}

async function emailOf(staffId: string) {
  const row = await t.db
    .selectFrom("staff_users")
    .select("email")
    .where("id", "=", staffId)
    .executeTakeFirstOrThrow();
  return row.email;
}

describe("the aging sweep (24 h / 48 h of team time without a first reply)", () => {
  it("notifies the assignee, or the leads when unassigned, once per threshold even under parallel sweeps", async () => {
    const now = new Date();
    let clock = now;
    const deps = testDeps(t.db, () => clock);
    const { accountId } = await makeAccount(t.db);
    const agent = await makeStaff(t.db, "agent");
    const leadA = await makeStaff(t.db, "lead");
    const leadB = await makeStaff(t.db, "lead");
    const assigned = await insertTicket(t.db, accountId, now, { ageH: 25, assignee: agent.staffId });
    const unassigned = await insertTicket(t.db, accountId, now, { ageH: 49 });
    const young = await insertTicket(t.db, accountId, now, { ageH: 23 });
    // 30 h old but 10 h of them waiting on the customer: 20 h of team time, no alarm.
    const pausedLong = await insertTicket(t.db, accountId, now, { ageH: 30, pausedH: 10 });
    // Waiting on the customer right now: the clock is paused, never alarming (like the views).
    const waiting = await insertTicket(t.db, accountId, now, {
      ageH: 60,
      status: "pending_customer",
      pausedSinceH: 1,
    });
    const answered = await insertTicket(t.db, accountId, now, { ageH: 50, answeredAfterH: 2 });

    // Eight sweeps at once: each crossing is claimed by exactly one of them.
    const sweeps = await Promise.all(Array.from({ length: 8 }, () => sweepTicketAgeAlarms(deps)));
    expect(sweeps.reduce((n, s) => n + s.alarmed, 0)).toBe(2);

    expect(await alarmMails(assigned.number)).toEqual([
      { to_address: await emailOf(agent.staffId), template: "ticket_age_alarm_24h" },
    ]);
    // Past 48 h straight away: the 48 h alarm only, to every lead.
    expect(await alarmMails(unassigned.number)).toEqual(
      [await emailOf(leadA.staffId), await emailOf(leadB.staffId)]
        .sort()
        .map((to) => ({ to_address: to, template: "ticket_age_alarm_48h" })),
    );
    for (const quiet of [young, pausedLong, waiting, answered])
      expect(await alarmMails(quiet.number)).toEqual([]);

    // Rerunning changes nothing.
    expect((await sweepTicketAgeAlarms(deps)).alarmed).toBe(0);

    // A day later the assigned ticket crosses 48 h: notified again, once.
    clock = new Date(now.getTime() + 24 * H);
    await Promise.all(Array.from({ length: 6 }, () => sweepTicketAgeAlarms(deps)));
    expect((await alarmMails(assigned.number)).map((m) => m.template)).toEqual([
      "ticket_age_alarm_24h",
      "ticket_age_alarm_48h",
    ]);
    expect((await alarmMails(unassigned.number)).length).toBe(2);
    const audits = await t.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("action", "=", "ticket.age_alarm")
      .executeTakeFirstOrThrow();
    // assigned 24h, unassigned 48h, assigned 48h — and, crossed in the meantime, the young ticket's
    // and the long-paused one's 24 h (to both leads each).
    expect(Number(audits.n)).toBe(5);
    expect((await alarmMails(young.number)).length).toBe(2);
    expect((await alarmMails(pausedLong.number)).length).toBe(2);
    expect(await alarmMails(waiting.number)).toEqual([]);
  });
});
