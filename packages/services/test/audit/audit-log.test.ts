import { appendAuditEvent } from "@trustdesk/db";
import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { type AuditLogQuery as AuditLogInput, AuditLogQuery } from "@trustdesk/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditActors, listAuditEvents, reportCompromise } from "../../src/index.ts";
import { makeAccount, makeServiceToken, makeStaff, testDeps } from "../support/fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-audit", ip: "203.0.113.7", userAgent: "vitest" };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const list = (input: AuditLogInput) => listAuditEvents(testDeps(database.db), AuditLogQuery.parse(input));

/** Inserts an event at a given time (the log is append-only; inserting is what it allows). */
async function eventAt(
  at: string,
  fields: {
    action: string;
    actorType?: "staff" | "system";
    actorId?: string | null;
    accountId?: string | null;
  },
) {
  await database.db
    .insertInto("audit_events")
    .values({
      occurred_at: at,
      actor_type: fields.actorType ?? "system",
      actor_id: fields.actorId ?? null,
      action: fields.action,
      subject_type: "account",
      subject_id: fields.accountId ?? null,
      account_id: fields.accountId ?? null,
      before: null,
      after: null,
      request_id: null,
      ip: null,
    })
    .execute();
}

/** Every page of a query, following the cursors. */
async function allPages(input: AuditLogInput) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list({ ...input, ...(cursor ? { cursor } : {}) });
    ids.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages };
}

describe("the audit log", () => {
  it("names actors by name and role, subjects by name, and before/after as readable changes", async () => {
    const deps = testDeps(database.db);
    const fraud = await makeStaff(database.db, "fraud_analyst");
    const acct = await makeAccount(database.db, "Audited");
    await reportCompromise(deps, fraud, meta, {
      reportId: "audit-1",
      accountId: acct.accountId,
      summary: "Impossible travel",
      signals: [],
    });
    const token = await makeServiceToken(database.db, "fraud-detector");
    await appendAuditEvent(database.db, {
      actorType: "service",
      actorId: token.name,
      action: "widget.colour_changed",
      subjectType: "account",
      subjectId: acct.accountId,
      accountId: acct.accountId,
      before: { colour: "blue", changedBy: fraud.staffId },
      after: { colour: "red", changedBy: fraud.staffId },
    });
    await appendAuditEvent(database.db, {
      actorType: "customer",
      actorId: acct.ownerId,
      action: "auth.signed_in",
      subjectType: "customer_user",
      subjectId: acct.ownerId,
    });

    const page = await list({ accountId: acct.accountId });
    expect(page.filters.accountName).toMatch(/^Audited \d+$/);
    const byAction = new Map(page.events.map((e) => [e.action, e]));
    const fraudName = (
      await database.db
        .selectFrom("staff_users")
        .select("name")
        .where("id", "=", fraud.staffId)
        .executeTakeFirstOrThrow()
    ).name;

    const reported = byAction.get("account.compromise_reported");
    expect(reported?.actionLabel).toBe("Compromise reported");
    expect(reported?.actorLabel).toBe(`${fraudName} (fraud analyst)`);
    expect(reported?.subject.label).toMatch(/^Audited \d+$/);

    // An action not in the catalogue still reads as words; a service token is named as one.
    const unknown = byAction.get("widget.colour_changed");
    expect(unknown?.actionLabel).toBe("Widget: colour changed");
    expect(unknown?.actorLabel).toBe("Service token “fraud-detector”");
    expect(unknown?.changes).toEqual([{ field: "Colour", before: "blue", after: "red" }]);

    const signedIn = byAction.get("auth.signed_in");
    expect(signedIn?.actorLabel).toMatch(/^Owner \(customer, owner of Audited \d+\)$/);
    expect(signedIn?.account?.name).toMatch(/^Audited \d+$/);

    const created = byAction.get("enforcement.created");
    expect(created?.subject.label).toMatch(/^Account takeover enforcement on Audited \d+$/);

    for (const e of page.events) {
      for (const text of [
        e.actionLabel,
        e.actorLabel,
        e.subject.label,
        ...e.changes.flatMap((c) => [c.field, c.before ?? "", c.after ?? ""]),
      ]) {
        expect(text).not.toMatch(UUID);
      }
    }
  });

  it("filters by actor, account, action and day, each alone and together", async () => {
    const lead = await makeStaff(database.db, "lead");
    const agent = await makeStaff(database.db, "agent");
    const a = await makeAccount(database.db, "Filter A");
    const b = await makeAccount(database.db, "Filter B");
    await eventAt("2031-05-01T10:00:00Z", {
      action: "case.opened",
      actorType: "staff",
      actorId: lead.staffId,
      accountId: a.accountId,
    });
    await eventAt("2031-05-02T23:59:59.999Z", {
      action: "case.resolved",
      actorType: "staff",
      actorId: lead.staffId,
      accountId: a.accountId,
    });
    await eventAt("2031-05-03T00:00:00Z", {
      action: "case.opened",
      actorType: "staff",
      actorId: agent.staffId,
      accountId: b.accountId,
    });
    await eventAt("2031-05-04T08:00:00Z", {
      action: "case.opened",
      actorType: "system",
      accountId: a.accountId,
    });

    const actions = async (input: AuditLogInput) =>
      (await list(input)).events.map((e) => `${e.action}@${e.occurredAt.toISOString().slice(0, 10)}`);

    expect(await actions({ actor: `staff:${lead.staffId}` })).toEqual([
      "case.resolved@2031-05-02",
      "case.opened@2031-05-01",
    ]);
    expect((await list({ actor: `staff:${lead.staffId}` })).filters.actorLabel).toMatch(
      /^lead \d+ \(lead\)$/,
    );
    expect(await actions({ accountId: b.accountId, from: "2031-01-01" })).toEqual(["case.opened@2031-05-03"]);
    expect(await actions({ action: "case.opened", from: "2031-05-01", to: "2031-05-31" })).toEqual([
      "case.opened@2031-05-04",
      "case.opened@2031-05-03",
      "case.opened@2031-05-01",
    ]);
    // `to` includes its whole day (up to the last microsecond); `from` starts at midnight UTC.
    expect(await actions({ from: "2031-05-02", to: "2031-05-02" })).toEqual(["case.resolved@2031-05-02"]);
    expect(await actions({ from: "2031-05-03", to: "2031-05-03" })).toEqual(["case.opened@2031-05-03"]);
    expect(await actions({ actor: "system", accountId: a.accountId, from: "2031-05-01" })).toEqual([
      "case.opened@2031-05-04",
    ]);
    expect(
      await actions({
        actor: `staff:${lead.staffId}`,
        accountId: a.accountId,
        action: "case.opened",
        from: "2031-05-01",
        to: "2031-05-01",
      }),
    ).toEqual(["case.opened@2031-05-01"]);
    expect(await actions({ actor: `staff:${agent.staffId}`, accountId: a.accountId })).toEqual([]);
  });

  it("pages newest first with no gaps or repeats, also through events of one instant", async () => {
    const acct = await makeAccount(database.db, "Pages");
    // Seven events in one transaction share one occurred_at (now()): the id breaks the tie.
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 7; i++) {
        await appendAuditEvent(trx, {
          actorType: "system",
          actorId: null,
          action: "case.extended",
          subjectType: "account",
          subjectId: acct.accountId,
          accountId: acct.accountId,
        });
      }
    });
    await eventAt("2020-01-01T00:00:00.000001Z", { action: "case.opened", accountId: acct.accountId });
    await eventAt("2020-01-01T00:00:00.000002Z", { action: "case.opened", accountId: acct.accountId });

    const everything = await list({ accountId: acct.accountId, limit: 100 });
    const expected = everything.events.map((e) => e.id);
    expect(expected).toHaveLength(9);
    const { ids, pages } = await allPages({ accountId: acct.accountId, limit: 2 });
    expect(ids).toEqual(expected);
    expect(pages).toBe(5);
    // The two events a microsecond apart keep their order (a JavaScript Date would merge them).
    expect(everything.events.slice(-2).map((e) => e.cursor.slice(0, 27))).toEqual([
      "2020-01-01T00:00:00.000002Z",
      "2020-01-01T00:00:00.000001Z",
    ]);
    const rows = await sql<{
      id: string;
    }>`select id::text from audit_events where account_id = ${acct.accountId} order by occurred_at desc, id desc`.execute(
      database.db,
    );
    expect(ids).toEqual(rows.rows.map((r) => r.id));
  });

  it("refuses bad dates, reversed ranges, unknown actors and broken cursors with a message", () => {
    const message = (input: unknown) => {
      const parsed = AuditLogQuery.safeParse(input);
      return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(message({ from: "2026-02-30" })).toEqual(["from: Enter a date as YYYY-MM-DD, e.g. 2026-03-01"]);
    expect(message({ to: "yesterday" })).toEqual(["to: Enter a date as YYYY-MM-DD, e.g. 2026-03-01"]);
    expect(message({ from: "2026-03-02", to: "2026-03-01" })).toEqual([
      "to: The end date is before the start date",
    ]);
    expect(message({ actor: "staff:not-an-id" })).toEqual(["actor: Choose an actor from the list"]);
    expect(message({ actor: "robot" })).toEqual(["actor: Choose an actor from the list"]);
    expect(message({ cursor: "2026-01-01_1; drop table" })?.[0]).toMatch(
      /^cursor: This page link is no longer valid/,
    );
    expect(message({ action: "DROP TABLE" })).toEqual(["action: Choose an action from the list"]);
    expect(message({ from: "2026-03-01", to: "2026-03-01", actor: "service:fraud-detector" })).toBeNull();
  });

  it("offers every staff member, by name and role, as an actor to filter by", async () => {
    const admin = await makeStaff(database.db, "admin");
    const actors = await listAuditActors(testDeps(database.db));
    const mine = actors.find((a) => a.value === `staff:${admin.staffId}`);
    expect(mine?.label).toMatch(/^admin \d+ \(admin\)$/);
    expect(actors.every((a) => !UUID.test(a.label))).toBe(true);
  });
});
