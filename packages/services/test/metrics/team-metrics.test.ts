import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { DomainError, OpenTicketInput } from "@trustdesk/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  answerTicket,
  changeTicketStatus,
  getTeamMetrics,
  listRecentlyRestrictedAccounts,
  openTicket,
} from "../../src/index.ts";
import { makeAccount, makeStaff, testDeps } from "../support/fixtures.ts";
import { at, H, insertDecision, insertEnforcement, insertTicket } from "./support.ts";

/** The metrics page's numbers against a real database, seeded at known times: every number exact. */
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

const NOW = at(10, 12);
const RANGE = { from: "2026-03-01", to: "2026-03-10" };
const deps = () => testDeps(database.db, () => NOW);
const day = (d: number) => `2026-03-${String(d).padStart(2, "0")}`;

describe("tickets", () => {
  async function seed() {
    const { accountId } = await makeAccount(database.db, "Tickets");
    const t = (x: Parameters<typeof insertTicket>[2]) => insertTicket(database.db, accountId, x);
    // Opened before the range and still open: the backlog the range starts with.
    await t({ createdAt: at(20, 10, 2) });
    // Answered 2 h after opening (no kept reading: the columns give it), solved 48 h after opening.
    const b = await t({
      createdAt: at(2, 9),
      firstResponseAt: at(2, 11),
      status: "solved",
      solvedAt: at(4, 9),
    });
    // Answered after 36 h of which 6 h paused: 30 h of team time; solved 72 h after opening.
    await t({
      category: "account_takeover",
      createdAt: at(2, 12),
      firstResponseAt: at(4, 0),
      firstResponseTeamMs: 30 * H,
      pausedMs: 6 * H,
      status: "solved",
      solvedAt: at(5, 12),
    });
    // Answered after 50 h of team time, still open.
    await t({
      category: "account_takeover",
      createdAt: at(3),
      firstResponseAt: at(5, 2),
      firstResponseTeamMs: 50 * H,
    });
    // A duplicate merged away: in no number at all.
    await t({ createdAt: at(5), status: "closed", closedAt: at(5, 1), mergedInto: b });
    // Closed a day later without any reply: resolved, but no first response to measure.
    await t({ createdAt: at(6), status: "closed", closedAt: at(7) });
    // Still waiting: 30 h of team time so far (over 24 h, not yet 48 h).
    await t({ createdAt: at(9, 6) });
    // Waiting on the customer since 2 h after opening: the clock stopped at 2 h, not 26 h.
    await t({ createdAt: at(9, 10), status: "pending_customer", pausedSince: at(9, 12) });
  }

  it("backlog per category at the end of each day, opened vs resolved per day (merged tickets left out)", async () => {
    await seed();
    const m = await getTeamMetrics(deps(), RANGE);
    expect(m.range).toEqual({ from: "2026-03-01", to: "2026-03-10", requestedTo: "2026-03-10" });
    expect(m.tickets.backlog.map((b) => b.day)).toEqual(Array.from({ length: 10 }, (_, i) => day(i + 1)));
    expect(
      m.tickets.backlog.map((b) => [b.byCategory.other, b.byCategory.account_takeover, b.total]),
    ).toEqual([
      [1, 0, 1],
      [2, 1, 3],
      [2, 2, 4],
      [1, 2, 3],
      [1, 1, 2],
      [2, 1, 3],
      [1, 1, 2],
      [1, 1, 2],
      [3, 1, 4],
      [3, 1, 4],
    ]);
    expect(m.tickets.flow.map((f) => [f.opened, f.resolved])).toEqual([
      [0, 0],
      [2, 0],
      [1, 0],
      [0, 1],
      [0, 1],
      [1, 0],
      [0, 1],
      [0, 0],
      [2, 0],
      [0, 0],
    ]);
    // The numbers agree with each other: each day's backlog is the day before's plus opened less resolved.
    for (let i = 1; i < 10; i++) {
      const [prev, cur, flow] = [m.tickets.backlog[i - 1], m.tickets.backlog[i], m.tickets.flow[i]];
      expect(cur?.total).toBe((prev?.total ?? 0) + (flow?.opened ?? 0) - (flow?.resolved ?? 0));
    }
  });

  it("first response on the queue's clock: median and p90, 24 h and 48 h breaches over the settled tickets", async () => {
    await seed();
    const { total, days } = (await getTeamMetrics(deps(), RANGE)).tickets.firstResponse;
    // Answered: 2 h, 30 h, 50 h. Waiting: 30 h (running), 2 h (paused). One closed without a reply.
    expect(total).toEqual({
      opened: 6,
      answered: 3,
      waiting: 2,
      medianMs: 30 * H,
      p90Ms: 46 * H, // 30 + 0.8 × (50 − 30)
      over24h: 3, // 30 h, 50 h and the 30 h still waiting
      share24h: 3 / 4, // settled: the three answered and the one already past 24 h
      over48h: 1,
      share48h: 1 / 3, // settled: the three answered (nothing waiting is past 48 h yet)
    });
    const byDay = new Map(days.map((d) => [d.day, d]));
    expect(byDay.get(day(2))).toMatchObject({
      opened: 2,
      answered: 2,
      medianMs: 16 * H,
      p90Ms: Math.round(27.2 * H),
      over24h: 1,
      share24h: 0.5,
    });
    expect(byDay.get(day(9))).toMatchObject({
      opened: 2,
      answered: 0,
      waiting: 2,
      medianMs: null,
      over24h: 1,
      share24h: 1,
      over48h: 0,
      share48h: null,
    });
    expect(byDay.get(day(1))).toMatchObject({ opened: 0, medianMs: null, share24h: null });
  });

  it("resolution time (opening to solved or closed), by the day resolved", async () => {
    await seed();
    const { total, days } = (await getTeamMetrics(deps(), RANGE)).tickets.resolution;
    expect(total).toEqual({ resolved: 3, medianMs: 48 * H, p90Ms: Math.round(67.2 * H) });
    expect(days.filter((d) => d.resolved > 0).map((d) => [d.day, d.resolved, d.medianMs])).toEqual([
      [day(4), 1, 48 * H],
      [day(5), 1, 72 * H],
      [day(7), 1, 24 * H],
    ]);
  });

  it("pauses before the first reply are left out, and pauses after it change nothing (through the real use cases)", async () => {
    const clock = { now: at(8) };
    const d = testDeps(database.db, () => clock.now);
    const acct = await makeAccount(database.db, "Clock");
    const owner = { userId: acct.ownerId, accountId: acct.accountId, role: "owner" as const };
    const meta = { requestId: "req-metrics", ip: null, userAgent: null };
    const agent = await makeStaff(database.db, "agent");
    const opened = await openTicket(
      d,
      owner,
      meta,
      OpenTicketInput.parse({ category: "other", subject: "Bounces", body: "Since Monday." }),
    );
    const version = async () =>
      (
        await database.db
          .selectFrom("tickets")
          .select("version")
          .where("id", "=", opened.id)
          .executeTakeFirstOrThrow()
      ).version;
    const status = async (to: "open" | "on_hold" | "pending_customer", hour: number) => {
      clock.now = new Date(at(8).getTime() + hour * H);
      await changeTicketStatus(d, agent, meta, {
        ticketId: opened.id,
        status: to,
        expectedVersion: await version(),
      });
    };
    await status("on_hold", 1); // 1 h of team time, then 4 h on hold
    await status("open", 5);
    clock.now = new Date(at(8).getTime() + 7 * H); // 2 h more: 3 h of team time at the reply
    await answerTicket(d, agent, meta, {
      ticketId: opened.id,
      body: "Your DMARC record is missing.",
      visibility: "public",
      status: "pending_customer",
      expectedVersion: await version(),
      idempotencyKey: "metrics-reply-1",
    });
    await status("open", 30); // 23 h waiting on the customer, after the answer

    const m = await getTeamMetrics(
      testDeps(database.db, () => NOW),
      RANGE,
    );
    expect(m.tickets.firstResponse.total).toMatchObject({
      answered: 1,
      medianMs: 3 * H,
      p90Ms: 3 * H,
      over24h: 0,
    });
  });
});

describe("enforcements", () => {
  it("opened and lifted per reason per day, time to lift (median, p90), reactivation rate, dormancy", async () => {
    const e = async (x: Parameters<typeof insertEnforcement>[2]) =>
      insertEnforcement(database.db, (await makeAccount(database.db, "Enf")).accountId, x);
    await e({ reason: "dormancy", createdAt: at(2), liftedAt: at(4) }); // 48 h
    await e({ reason: "dormancy", createdAt: at(3) });
    await e({ reason: "account_takeover", createdAt: at(5), liftedAt: at(5, 6) }); // 6 h
    await e({ reason: "account_takeover", createdAt: at(20, 0, 2), liftedAt: at(6) }); // 336 h, opened before
    await e({ reason: "exposed_credentials", createdAt: at(9) });
    // Two warnings the dormancy scan sent on day 1 (30 and 7 days ahead of two deactivations).
    for (const lead of [30, 7]) {
      await database.db
        .insertInto("dormancy_warnings")
        .values({
          account_id: (await makeAccount(database.db, "Warned")).accountId,
          idle_since: "2026-01-01",
          lead_days: lead,
          sent_on: day(1),
          deactivate_on: day(1 + lead),
        })
        .execute();
    }
    const m = (await getTeamMetrics(deps(), RANGE)).enforcements;

    const opened = m.perDay.flatMap((d) =>
      Object.entries(d.opened)
        .filter(([, n]) => n > 0)
        .map(([reason, n]) => `${d.day} ${reason} ${n}`),
    );
    expect(opened).toEqual([
      `${day(2)} dormancy 1`,
      `${day(3)} dormancy 1`,
      `${day(5)} account_takeover 1`,
      `${day(9)} exposed_credentials 1`,
    ]);
    const lifted = m.perDay.flatMap((d) =>
      Object.entries(d.lifted)
        .filter(([, n]) => n > 0)
        .map(([reason, n]) => `${d.day} ${reason} ${n}`),
    );
    expect(lifted).toEqual([
      `${day(4)} dormancy 1`,
      `${day(5)} account_takeover 1`,
      `${day(6)} account_takeover 1`,
    ]);

    const reason = (r: string) => m.byReason.find((x) => x.reason === r);
    expect(reason("dormancy")).toEqual({
      reason: "dormancy",
      lifts: 1,
      medianMs: 48 * H,
      p90Ms: 48 * H,
      opened: 2,
      liftedOfOpened: 1,
      reactivationRate: 0.5,
    });
    expect(reason("account_takeover")).toEqual({
      reason: "account_takeover",
      lifts: 2,
      medianMs: 171 * H,
      p90Ms: 303 * H, // 6 + 0.9 × 330
      opened: 1,
      liftedOfOpened: 1,
      reactivationRate: 1,
    });
    expect(reason("exposed_credentials")).toMatchObject({
      lifts: 0,
      medianMs: null,
      opened: 1,
      reactivationRate: 0,
    });
    expect(reason("manual")).toMatchObject({ lifts: 0, opened: 0, reactivationRate: null });
    expect(m.allReasons).toEqual({
      lifts: 3,
      medianMs: 48 * H,
      p90Ms: Math.round(278.4 * H), // 48 + 0.8 × 288
      opened: 4,
      liftedOfOpened: 2,
      reactivationRate: 0.5,
    });
    expect(m.dormancy.warningsRecorded).toBe(true);
    expect(m.dormancy.days.filter((d) => d.deactivations + d.reactivations + (d.warnings ?? 0) > 0)).toEqual([
      { day: day(1), deactivations: 0, reactivations: 0, warnings: 2 },
      { day: day(2), deactivations: 1, reactivations: 0, warnings: 0 },
      { day: day(3), deactivations: 1, reactivations: 0, warnings: 0 },
      { day: day(4), deactivations: 0, reactivations: 1, warnings: 0 },
    ]);
  });
});

describe("vetting", () => {
  it("the policy's outcomes per day, and the reviews and rejections agents overturned", async () => {
    const agent = await makeStaff(database.db, "agent");
    const account = async () => (await makeAccount(database.db, "Vet")).accountId;
    const policy = (id: string, outcome: "approve" | "review" | "reject", createdAt: Date) =>
      insertDecision(database.db, id, { outcome, by: "policy", createdAt });
    const staff = (id: string, outcome: "approve" | "reject", createdAt: Date) =>
      insertDecision(database.db, id, { outcome, by: "staff", createdAt, staffId: agent.staffId });

    await policy(await account(), "approve", at(2, 8));
    const overturned = await account();
    await policy(overturned, "review", at(2, 9));
    await staff(overturned, "approve", at(3));
    const upheld = await account();
    await policy(upheld, "review", at(4));
    await staff(upheld, "reject", at(5));
    await policy(await account(), "review", at(5, 3)); // not decided yet
    const appealed = await account();
    await policy(appealed, "reject", at(6));
    await staff(appealed, "reject", at(7));
    await staff(appealed, "approve", at(8)); // approved on appeal: the latest decision counts
    const before = await account();
    await policy(before, "review", at(25, 0, 2)); // before the range
    await staff(before, "approve", at(2));

    const v = (await getTeamMetrics(deps(), RANGE)).vetting;
    expect(v.days.filter((d) => d.approve + d.review + d.reject > 0)).toEqual([
      { day: day(2), approve: 1, review: 1, reject: 0 },
      { day: day(4), approve: 0, review: 1, reject: 0 },
      { day: day(5), approve: 0, review: 1, reject: 0 },
      { day: day(6), approve: 0, review: 0, reject: 1 },
    ]);
    expect(v.days).toHaveLength(10);
    expect(v.reviews).toEqual({ decisions: 3, approved: 1, rejected: 1, undecided: 1 });
    expect(v.rejections).toEqual({ decisions: 1, approved: 1, rejected: 0, undecided: 0 });
    expect(v.overturned).toBe(2);
  });
});

describe("the range", () => {
  const refusal = async (range: { from: string; to: string }) => {
    const error = await getTeamMetrics(deps(), range).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("VALIDATION");
    expect((error as DomainError).status).toBe(400);
    return (error as DomainError).fields;
  };

  it("refuses a year outside 2000–2100, a day not on the calendar, an end before the start, more than 366 days", async () => {
    expect(await refusal({ from: "0000-01-01", to: "2026-03-10" })).toEqual({
      from: "The start date must fall between 2000 and 2100",
    });
    expect(await refusal({ from: "2026-02-30", to: "2026-03-10" })).toEqual({
      from: "The start date is not a day on the calendar",
    });
    expect(await refusal({ from: "2026-03-10", to: "2026-03-01" })).toEqual({
      to: "The end date must not be before the start date",
    });
    expect(await refusal({ from: "2025-01-01", to: "2026-03-01" })).toEqual({
      to: "Choose at most 366 days",
    });
    expect(await refusal({ from: "1 March", to: "2026-03-01" })).toEqual({
      from: "Write the start date as YYYY-MM-DD",
    });
  });

  it("takes a whole leap year, and cuts a range that runs into the future at today", async () => {
    const year = await getTeamMetrics(
      testDeps(database.db, () => at(31, 12, 12)),
      {
        from: "2024-01-01",
        to: "2024-12-31",
      },
    );
    expect(year.tickets.flow).toHaveLength(366);
    const future = await getTeamMetrics(deps(), { from: "2026-03-05", to: "2026-04-30" });
    expect(future.range).toEqual({ from: "2026-03-05", to: "2026-03-10", requestedTo: "2026-04-30" });
    expect(future.tickets.backlog).toHaveLength(6);
  });
});

describe("recently restricted accounts", () => {
  it("lists active restrictions newest first by account name, and by reason", async () => {
    const named = async (
      name: string,
      reason: "dormancy" | "account_takeover",
      createdAt: Date,
      liftedAt?: Date,
    ) => {
      const acct = await makeAccount(database.db, name);
      await insertEnforcement(database.db, acct.accountId, {
        reason,
        createdAt,
        ...(liftedAt ? { liftedAt } : {}),
      });
      return acct;
    };
    await named("Old Dormant", "dormancy", at(1));
    await named("New Takeover", "account_takeover", at(9));
    await named("Mid Dormant", "dormancy", at(5));
    await named("Lifted Already", "dormancy", at(8), at(9));
    const all = await listRecentlyRestrictedAccounts(deps());
    expect(all.map((a) => [a.accountName.replace(/ \d+$/, ""), a.reason])).toEqual([
      ["New Takeover", "account_takeover"],
      ["Mid Dormant", "dormancy"],
      ["Old Dormant", "dormancy"],
    ]);
    expect(all[0]?.ownerEmail).toMatch(/^owner\d+@/);
    const dormant = await listRecentlyRestrictedAccounts(deps(), { reason: "dormancy" });
    expect(dormant.map((a) => a.accountName.replace(/ \d+$/, ""))).toEqual(["Mid Dormant", "Old Dormant"]);
  });
});
