import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import {
  DEFAULT_DORMANCY_POLICY,
  type DormancyAction,
  type DormancyFacts,
  dormancyAction,
  parseEvidence,
} from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectDormancyActions } from "../../src/index.ts";
import { mailsTo } from "../support/fixtures.ts";
import { activity, addDays, makeIdleAccount, scan, total } from "./dormancy-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

/** Scans every day from `from` to `to` (inclusive), as a daily job would. */
async function scanDaily(from: string, to: string) {
  for (let day = from; day <= to; day = addDays(day, 1)) await scan(database.db, day);
}

async function enforcementsOf(accountId: string) {
  return database.db.selectFrom("enforcements").selectAll().where("account_id", "=", accountId).execute();
}

describe("the dormancy scan", () => {
  it("warns each lead time once (30, 7, 1 days before), then deactivates with the last-activity evidence", async () => {
    const a = await makeIdleAccount(database.db, { createdDay: "2025-01-01", activeDays: ["2025-12-01"] });
    // Idle since 2025-12-01, free plan (90 days): due 2026-03-01. Scanned every day through it.
    await scanDaily("2026-01-25", "2026-03-02");
    const warnings = await database.db
      .selectFrom("dormancy_warnings")
      .select(["lead_days", "sent_on", "deactivate_on"])
      .where("account_id", "=", a.accountId)
      .orderBy("sent_on")
      .execute();
    expect(warnings).toEqual([
      { lead_days: 30, sent_on: "2026-01-30", deactivate_on: "2026-03-01" },
      { lead_days: 7, sent_on: "2026-02-22", deactivate_on: "2026-03-01" },
      { lead_days: 1, sent_on: "2026-02-28", deactivate_on: "2026-03-01" },
    ]);
    const mails = await mailsTo(database.db, a.email);
    expect(mails.map((m) => m.template)).toEqual([
      "dormancy_warning",
      "dormancy_warning",
      "dormancy_warning",
      "dormancy_deactivated",
    ]);
    expect(mails[0]?.subject).toBe(
      `Your account "${a.name}" will be deactivated on 1 March 2026 unless it is used`,
    );
    expect(mails[2]?.subject).toContain("tomorrow");
    expect(mails[3]?.text_body).toContain('open a "Dormant account" ticket');
    expect(mails[3]?.text_body).toContain("since 1 December 2025");

    const [e, ...more] = await enforcementsOf(a.accountId);
    expect(more).toEqual([]);
    expect(e).toMatchObject({ reason: "dormancy", status: "active", policy_code: "dormancy.inactive" });
    expect(e?.created_by_service).toBe("dormancy-scan");
    expect(parseEvidence("dormancy", e?.evidence)).toEqual({
      reason: "dormancy",
      lastActivityDay: "2025-12-01",
      plan: "free",
      dormancyDays: 90,
    });
    const audit = await database.db
      .selectFrom("audit_events")
      .select(["action", "actor_type", "actor_id"])
      .where("account_id", "=", a.accountId)
      .orderBy("id")
      .execute();
    expect(audit.map((x) => x.action)).toEqual([
      "dormancy.warned",
      "dormancy.warned",
      "dormancy.warned",
      "enforcement.created",
    ]);
    expect(audit.every((x) => x.actor_type === "service" && x.actor_id === "dormancy-scan")).toBe(true);
  });

  it("applies each plan's period: free 90 days, essentials 365, pro 730, premier never", async () => {
    const idle = { createdDay: "2020-01-01", activeDays: ["2025-01-01"] };
    const free = await makeIdleAccount(database.db, { ...idle, plan: "free" });
    const essentials = await makeIdleAccount(database.db, { ...idle, plan: "essentials" });
    const pro = await makeIdleAccount(database.db, { ...idle, plan: "pro" });
    const premier = await makeIdleAccount(database.db, {
      ...idle,
      plan: "premier",
      activeDays: ["2020-01-02"],
    });
    const warnedOn = async (id: string) =>
      (
        await database.db
          .selectFrom("dormancy_warnings")
          .select("lead_days")
          .where("account_id", "=", id)
          .execute()
      ).map((w) => w.lead_days);
    // Day 59 of idleness: nobody; day 60: free's 30-day warning.
    await scan(database.db, "2025-03-01");
    expect(await warnedOn(free.accountId)).toEqual([]);
    await scan(database.db, "2025-03-02");
    expect(await warnedOn(free.accountId)).toEqual([30]);
    // Essentials: due 2026-01-01, warned from 2025-12-02; pro: due 2027-01-01.
    await scan(database.db, "2025-12-01");
    expect(await warnedOn(essentials.accountId)).toEqual([]);
    await scan(database.db, "2025-12-02");
    expect(await warnedOn(essentials.accountId)).toEqual([30]);
    expect(await warnedOn(pro.accountId)).toEqual([]);
    await scan(database.db, "2026-12-02");
    expect(await warnedOn(pro.accountId)).toEqual([30]);
    // Premier: idle for years, never touched.
    await scan(database.db, "2030-01-01");
    expect(await warnedOn(premier.accountId)).toEqual([]);
    expect(await enforcementsOf(premier.accountId)).toEqual([]);
    expect((await enforcementsOf(essentials.accountId)).map((e) => e.reason)).toEqual(["dormancy"]);
  });

  it("is cancelled by activity after a warning: no further warning, no deactivation, a new period", async () => {
    const a = await makeIdleAccount(database.db, { createdDay: "2025-01-01", activeDays: ["2026-01-01"] });
    await scan(database.db, "2026-03-02"); // 30-day warning, due 2026-04-01
    await activity(database.db, a.accountId, "2026-03-10");
    await scanDaily("2026-03-25", "2026-04-02");
    expect(await enforcementsOf(a.accountId)).toEqual([]);
    expect(await mailsTo(database.db, a.email, "dormancy_warning")).toHaveLength(1);
    // The new period (idle since 2026-03-10) is warned afresh, 30 days before 2026-06-08.
    await scan(database.db, "2026-05-09");
    const w = await database.db
      .selectFrom("dormancy_warnings")
      .select(["idle_since", "lead_days", "deactivate_on"])
      .where("account_id", "=", a.accountId)
      .orderBy("sent_on")
      .execute();
    expect(w).toEqual([
      { idle_since: "2026-01-01", lead_days: 30, deactivate_on: "2026-04-01" },
      { idle_since: "2026-03-10", lead_days: 30, deactivate_on: "2026-06-08" },
    ]);
  });

  it("counts a user's sign-in as activity, and idles a never-active account from its creation", async () => {
    const signedIn = await makeIdleAccount(database.db, {
      createdDay: "2025-01-01",
      activeDays: ["2025-06-01"],
      lastSignInDay: "2025-09-01",
    });
    const never = await makeIdleAccount(database.db, { createdDay: "2025-08-02" });
    const s = await scan(database.db, "2025-10-01");
    const warned = await database.db
      .selectFrom("dormancy_warnings")
      .select(["account_id", "idle_since"])
      .where("account_id", "in", [signedIn.accountId, never.accountId])
      .execute();
    expect(warned).toEqual([{ account_id: never.accountId, idle_since: "2025-08-02" }]);
    expect(total(s)).toBeGreaterThanOrEqual(1);
  });

  it("never deactivates an account it did not warn first: a long-idle account gets a week's notice", async () => {
    const a = await makeIdleAccount(database.db, { createdDay: "2020-01-01", activeDays: ["2021-01-01"] });
    await scan(database.db, "2026-02-01");
    expect(await mailsTo(database.db, a.email, "dormancy_warning")).toHaveLength(1);
    expect(await enforcementsOf(a.accountId)).toEqual([]);
    await scanDaily("2026-02-02", "2026-02-07");
    expect(await enforcementsOf(a.accountId)).toEqual([]);
    await scan(database.db, "2026-02-08");
    expect((await enforcementsOf(a.accountId)).map((e) => e.status)).toEqual(["active"]);
    expect(
      (await mailsTo(database.db, a.email)).map((m) => m.subject.replace(/.*deactivated /, "")).slice(0, 2),
    ).toEqual(["on 8 February 2026 unless it is used", "tomorrow unless it is used"]);
  });

  it("leaves closed and already restricted accounts alone, and restarts the clock at a reactivation", async () => {
    const closed = await makeIdleAccount(database.db, { createdDay: "2020-01-01", closed: true });
    const reactivated = await makeIdleAccount(database.db, { createdDay: "2020-01-01" });
    await scanDaily("2026-01-01", "2026-01-08");
    expect(await enforcementsOf(closed.accountId)).toEqual([]);
    const [e] = await enforcementsOf(reactivated.accountId);
    expect(e?.status).toBe("active");
    // Restricted: nothing more is sent while the deactivation stands.
    await scan(database.db, "2026-03-01");
    expect(await mailsTo(database.db, reactivated.email)).toHaveLength(3);
    // An agent lifts it on 2026-03-02 (the lift's own rules are tested with the enforcement core).
    await database.db
      .updateTable("enforcements")
      .set({ status: "lifted", lifted_at: "2026-03-02T10:00:00Z" })
      .where("id", "=", e?.id as string)
      .execute();
    await scan(database.db, "2026-03-03");
    expect(await enforcementsOf(reactivated.accountId)).toHaveLength(1);
    // Idle again since the reactivation: warned 30 days before 2026-05-31.
    await scan(database.db, "2026-05-01");
    const last = await database.db
      .selectFrom("dormancy_warnings")
      .select(["idle_since", "deactivate_on"])
      .where("account_id", "=", reactivated.accountId)
      .where("idle_since", "=", "2026-03-02")
      .execute();
    expect(last).toEqual([{ idle_since: "2026-03-02", deactivate_on: "2026-05-31" }]);
  });

  it("decides in SQL exactly what the domain's dormancyAction decides, account by account", async () => {
    const asOf = "2026-06-15";
    const plans = ["free", "essentials", "pro", "premier"] as const;
    const idleDays = [0, 45, 59, 60, 61, 82, 83, 88, 89, 90, 91, 200, 334, 335, 400, 700, 730, 2000];
    const cases: Array<{ id: string; facts: DormancyFacts }> = [];
    let k = 0;
    for (const plan of plans) {
      for (const idle of idleDays) {
        const lastActivityDay = addDays(asOf, -idle);
        const createdDay = addDays(asOf, -idle - 10);
        // Some with earlier warnings of this period (or of an older one, which must not count).
        const variant = k++ % 4;
        const a = await makeIdleAccount(database.db, { plan, createdDay, activeDays: [lastActivityDay] });
        const sent: Array<{ leadDays: number; sentOn: string; idleSince: string }> = [];
        if (variant === 1)
          sent.push({ leadDays: 30, sentOn: addDays(asOf, -20), idleSince: lastActivityDay });
        if (variant === 2) sent.push({ leadDays: 7, sentOn: addDays(asOf, -3), idleSince: lastActivityDay });
        if (variant === 3) sent.push({ leadDays: 30, sentOn: addDays(asOf, -40), idleSince: createdDay });
        for (const w of sent)
          await database.db
            .insertInto("dormancy_warnings")
            .values({
              account_id: a.accountId,
              idle_since: w.idleSince,
              lead_days: w.leadDays,
              sent_on: w.sentOn,
              deactivate_on: addDays(w.sentOn, 30),
            })
            .execute();
        cases.push({
          id: a.accountId,
          facts: {
            plan,
            closed: false,
            restricted: false,
            lastActivityDay,
            createdDay,
            lastReactivationDay: null,
            warningsSent: sent.filter((w) => w.idleSince === lastActivityDay),
          },
        });
      }
    }
    const kinds: Record<string, DormancyAction["kind"]> = {
      active: "active",
      warn: "warn",
      warned: "warned",
      deactivate: "deactivate",
      exemptPlan: "exempt",
    };
    for (const c of cases) {
      const expected = dormancyAction(DEFAULT_DORMANCY_POLICY, c.facts, asOf);
      const got = await selectDormancyActions(database.db, DEFAULT_DORMANCY_POLICY, asOf, {
        kind: "accounts",
        ids: [c.id],
      });
      const [kind] = Object.entries(got.counts).filter(([k2, n]) => k2 !== "scanned" && n === 1);
      expect({ facts: c.facts, kind: kinds[kind?.[0] as string] }).toEqual({
        facts: c.facts,
        kind: expected.kind,
      });
      if (expected.kind === "warn" || expected.kind === "deactivate") {
        expect(got.candidates[0]).toMatchObject({
          action: expected.kind,
          deactivateOn: expected.deactivateOn,
          idleSince: expected.idleSince,
          leadDays: expected.kind === "warn" ? expected.leadDays : null,
        });
      }
    }
  });
});
