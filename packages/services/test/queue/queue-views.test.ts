import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { type ListQueueInput, OpenTicketInput, type QueueView, TicketCategory } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerTicket,
  changeTicketStatus,
  countTicketQueue,
  listTicketQueue,
  openTicket,
} from "../../src/index.ts";
import { makeAccount, makeStaff, testDeps } from "../support/fixtures.ts";
import { H, insertTicket } from "./support.ts";

/** The queue's views against a real database: counts, keyset pages, filters, the pausing clock. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-queue", ip: "203.0.113.7", userAgent: "vitest" };

/** Every row of a view, page by page (small pages, so the keyset continuation is exercised). */
async function allPages(
  deps: ReturnType<typeof testDeps>,
  staffId: string,
  input: ListQueueInput,
  limit = 2,
) {
  const rows: Awaited<ReturnType<typeof listTicketQueue>>["rows"] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const result: Awaited<ReturnType<typeof listTicketQueue>> = await listTicketQueue(
      deps,
      { staffId },
      {
        ...input,
        limit,
        cursor,
      },
    );
    expect(result.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...result.rows);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return rows;
}

describe("queue views", () => {
  it("every view's count matches its rows, page by page, with no row twice", async () => {
    // A database of its own: counts are over every ticket.
    const own = await createTestDatabase();
    try {
      const db = own.db;
      const now = new Date("2026-11-25T12:00:00Z");
      const deps = testDeps(db, () => now);
      const me = await makeStaff(db, "agent");
      const other = await makeStaff(db, "agent");
      const { accountId } = await makeAccount(db, "Views");
      const specs = [
        { ageH: 1 },
        { ageH: 2, assignee: me.staffId, category: "account_takeover" as const },
        { ageH: 30, escalated: true, category: "account_takeover" as const },
        { ageH: 30, assignee: other.staffId },
        { ageH: 50 },
        { ageH: 60, escalated: true, assignee: me.staffId },
        { ageH: 40, pausedH: 20 }, // 20 h of team time: not breaching
        { ageH: 40, status: "on_hold" as const, pausedH: 0, pausedSinceH: 35 }, // paused at 5 h
        { ageH: 70, status: "pending_customer" as const, answeredAfterH: 2, pausedSinceH: 60 },
        {
          ageH: 70,
          status: "pending_customer" as const,
          escalated: true,
          answeredAfterH: 1,
          pausedSinceH: 65,
        },
        { ageH: 26, status: "open" as const, answeredAfterH: 1, category: "dormant_account" as const },
        { ageH: 100, status: "solved" as const, answeredAfterH: 3 },
        { ageH: 200, status: "closed" as const, answeredAfterH: 3 },
        { ageH: 300, status: "closed" as const, answeredAfterH: 3, escalated: true },
      ];
      for (const spec of specs) await insertTicket(db, accountId, now, spec);

      const expected: Record<string, number> = {
        open: 11,
        mine: 2,
        unassigned: 8,
        escalated: 3,
        breaching: 2, // 30 h (escalated) and 30 h (assigned)
        breached: 2, // 50 h and 60 h
        pending_customer: 2,
        on_hold: 1,
        solved: 1,
        all: 14,
        "category:account_takeover": 2,
        "category:dormant_account": 1,
      };
      const counts = await countTicketQueue(deps, { staffId: me.staffId });
      expect(counts.allIsAtLeast).toBe(false);
      for (const [view, n] of Object.entries(expected)) expect(counts.views[view], view).toBe(n);
      const views = [
        ...Object.keys(counts.views),
        ...TicketCategory.options.map((c) => `category:${c}`),
      ] as QueueView[];
      for (const view of new Set(views)) {
        for (const sort of ["needs_answer", "newest", "oldest", "priority"] as const) {
          const rows = await allPages(deps, me.staffId, { view, sort });
          expect(rows.length, `${view} ${sort}`).toBe(counts.views[view]);
          expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
        }
      }

      // Needs answer first: escalated tickets waiting on the team on top, then the rest waiting on
      // the team, most team time first; then pending customer, then on hold.
      const open = await allPages(deps, me.staffId, { view: "open" }, 50);
      expect(open.slice(0, 2).every((r) => r.badges.escalated && r.status === "open")).toBe(true);
      expect(open[0]?.clock.teamMs).toBe(60 * H);
      // (An answered ticket waiting on the team again ranks by its clock origin, not its frozen clock.)
      const waiting = open
        .slice(2, 8)
        .filter((r) => r.clock.state === "running")
        .map((r) => r.clock.teamMs);
      expect(waiting).toHaveLength(5);
      expect(waiting).toEqual([...waiting].sort((a, b) => b - a));
      expect(open.slice(8).map((r) => r.status)).toEqual(["pending_customer", "pending_customer", "on_hold"]);

      // Badges say what the views say.
      const breaching = await allPages(deps, me.staffId, { view: "breaching" });
      expect(
        breaching.every((r) => r.badges.breaching && !r.badges.breached && r.clock.alarm === "24h"),
      ).toBe(true);
      const breached = await allPages(deps, me.staffId, { view: "breached" });
      expect(breached.every((r) => r.badges.breached && r.clock.state === "running")).toBe(true);
      expect(breached.map((r) => r.assignee?.id ?? null).sort()).toEqual([me.staffId, null].sort());
    } finally {
      await own.destroy();
    }
  });

  it("keyset pages neither repeat nor skip rows when tickets arrive between pages", async () => {
    const own = await createTestDatabase();
    try {
      const db = own.db;
      const now = new Date("2026-11-25T12:00:00Z");
      const deps = testDeps(db, () => now);
      const me = await makeStaff(db, "agent");
      const { accountId } = await makeAccount(db, "Pages");
      const before: string[] = [];
      for (let i = 0; i < 12; i++)
        before.push((await insertTicket(db, accountId, now, { ageH: 10 + i * 3 })).id);

      for (const sort of ["needs_answer", "newest", "oldest", "priority"] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 20; page++) {
          const result: Awaited<ReturnType<typeof listTicketQueue>> = await listTicketQueue(
            deps,
            { staffId: me.staffId },
            { view: "open", sort, limit: 5, cursor },
          );
          seen.push(...result.rows.map((r) => r.id));
          // New tickets on both sides of the cursor: oldest team time and newest.
          await insertTicket(db, accountId, now, { ageH: 100 + page });
          await insertTicket(db, accountId, now, { ageH: 0.1 * (page + 1) });
          cursor = result.nextCursor;
          if (!cursor) break;
        }
        expect(new Set(seen).size, sort).toBe(seen.length);
        for (const id of before) expect(seen, sort).toContain(id);
      }
    } finally {
      await own.destroy();
    }
  });

  it("filters: category, status, assignee, enforcement reason, plan, tag", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const db = database.db;
    const deps = testDeps(db, () => now);
    const me = await makeStaff(db, "agent");
    const { accountId } = await makeAccount(db, "Filters");
    const premier = await makeAccount(db, "Premier");
    await db.updateTable("accounts").set({ plan: "premier" }).where("id", "=", premier.accountId).execute();
    const enforcement = await db
      .insertInto("enforcements")
      .values({
        account_id: accountId,
        reason: "dormancy",
        policy_code: "dormancy.90d",
        created_by_service: "test",
        note: null,
        evidence: JSON.stringify({}),
        case_id: null,
        created_by_staff_id: null,
        lifted_at: null,
        lifted_by_staff_id: null,
        lift_approved_by_staff_id: null,
        lift_decision: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const a = await insertTicket(db, accountId, now, {
      ageH: 5,
      tags: ["billing", "vip"],
      category: "dormant_account",
      enforcementId: enforcement.id,
    });
    const b = await insertTicket(db, premier.accountId, now, {
      ageH: 6,
      assignee: me.staffId,
      status: "new",
    });
    const c = await insertTicket(db, accountId, now, {
      ageH: 7,
      status: "on_hold",
      pausedSinceH: 1,
      tags: ["billing"],
    });

    const ids = async (filters: ListQueueInput["filters"], view: QueueView = "open") =>
      (await allPages(deps, me.staffId, { view, filters }, 50)).map((r) => r.id).sort();
    const mine = (...xs: { id: string }[]) => xs.map((x) => x.id).sort();
    const scoped = async (filters: ListQueueInput["filters"]) =>
      (await ids(filters)).filter((id) => [a.id, b.id, c.id].includes(id));

    expect(await scoped({ category: "dormant_account" })).toEqual(mine(a));
    expect(await scoped({ status: "new" })).toEqual(mine(b));
    expect(await scoped({ status: "on_hold" })).toEqual(mine(c));
    expect(await ids({ assignee: me.staffId })).toEqual(mine(b));
    expect(await scoped({ assignee: "none" })).toEqual(mine(a, c));
    expect(await ids({ enforcementReason: "dormancy" })).toEqual(mine(a));
    expect(await scoped({ plan: "premier" })).toEqual(mine(b));
    expect(await scoped({ tag: "billing" })).toEqual(mine(a, c));
    expect(await scoped({ tag: "billing", status: "on_hold" })).toEqual(mine(c));
    expect(await ids({ tag: "vip" }, "pending_customer")).toEqual([]);
    // Rows carry names, not only ids.
    const row = (await allPages(deps, me.staffId, { view: "mine" }, 50))[0];
    expect(row?.assignee?.name).toMatch(/^agent \d+$/);
    expect(row?.account.name).toMatch(/^Premier \d+$/);
    expect(row?.account.plan).toBe("premier");
  });

  it("a malformed or foreign cursor is refused with a message, not a 500", async () => {
    const deps = testDeps(database.db);
    const me = await makeStaff(database.db, "agent");
    for (const cursor of ["nonsense", Buffer.from('{"s":"newest","n":"1; drop"}').toString("base64url")]) {
      await expect(
        listTicketQueue(deps, { staffId: me.staffId }, { view: "open", sort: "newest", cursor }),
      ).rejects.toMatchObject({ code: "VALIDATION" });
    }
  });
});

describe("breaching and breached follow the team's clock, which pauses", () => {
  it("time pending customer or on hold does not count; the views move as the clock runs", async () => {
    const own = await createTestDatabase();
    try {
      const clock = { now: new Date("2026-11-20T08:00:00Z") };
      const deps = testDeps(own.db, () => clock.now);
      const agent = await makeStaff(own.db, "agent");
      const acct = await makeAccount(own.db, "Clock");
      const owner = { userId: acct.ownerId, accountId: acct.accountId, role: "owner" as const };
      const opened = await openTicket(
        deps,
        owner,
        meta,
        OpenTicketInput.parse({ category: "other", subject: "Clock test", body: "Please help." }),
      );
      const version = async () =>
        (
          await own.db
            .selectFrom("tickets")
            .select("version")
            .where("id", "=", opened.id)
            .executeTakeFirstOrThrow()
        ).version;
      const where = async () => {
        const counts = await countTicketQueue(deps, { staffId: agent.staffId });
        const inView = async (view: QueueView) =>
          (await listTicketQueue(deps, { staffId: agent.staffId }, { view })).rows.some(
            (r) => r.id === opened.id,
          );
        return {
          breaching: counts.views.breaching,
          breached: counts.views.breached,
          inBreaching: await inView("breaching"),
          inBreached: await inView("breached"),
          onHold: await inView("on_hold"),
        };
      };
      const advance = (hours: number) => {
        clock.now = new Date(clock.now.getTime() + hours * H);
      };

      advance(10);
      await changeTicketStatus(deps, agent, meta, {
        ticketId: opened.id,
        status: "on_hold",
        expectedVersion: await version(),
      });
      advance(30); // 40 h since opening, but only 10 h of team time
      expect(await where()).toEqual({
        breaching: 0,
        breached: 0,
        inBreaching: false,
        inBreached: false,
        onHold: true,
      });
      await changeTicketStatus(deps, agent, meta, {
        ticketId: opened.id,
        status: "open",
        expectedVersion: await version(),
      });
      advance(13); // 23 h of team time
      expect((await where()).inBreaching).toBe(false);
      advance(2); // 25 h
      expect(await where()).toEqual({
        breaching: 1,
        breached: 0,
        inBreaching: true,
        inBreached: false,
        onHold: false,
      });
      advance(24); // 49 h
      expect(await where()).toEqual({
        breaching: 0,
        breached: 1,
        inBreaching: false,
        inBreached: true,
        onHold: false,
      });
      const row = (await listTicketQueue(deps, { staffId: agent.staffId }, { view: "breached" })).rows[0];
      expect(row?.clock.teamMs).toBe(49 * H);

      // The first public reply stops the clock: the ticket leaves both views.
      await answerTicket(deps, agent, meta, {
        ticketId: opened.id,
        body: "We are on it.",
        visibility: "public",
        expectedVersion: await version(),
        idempotencyKey: "queue-clock-reply-1",
      });
      expect(await where()).toMatchObject({
        breaching: 0,
        breached: 0,
        inBreaching: false,
        inBreached: false,
      });
    } finally {
      await own.destroy();
    }
  });
});
