import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { CaseListQuery } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approveEnforcementLift,
  getCase,
  liftEnforcement,
  listCases,
  recordExposure,
  reportCompromise,
} from "../../src/index.ts";
import {
  completeTakeoverRecovery,
  makeAccount,
  makeServiceToken,
  makeStaff,
  testDeps,
} from "../support/fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-cases", ip: "203.0.113.9", userAgent: "vitest" };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Every string a person reads on the case page: nothing but ids in `id` fields. */
function prose(value: unknown, key = ""): string[] {
  if (typeof value === "string") return /(^id$|Id$|^id_|_id$|^cursor$)/.test(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => prose(v, key));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([k, v]) => prose(v, k));
  }
  return [];
}

async function staffName(id: string) {
  return (
    await database.db.selectFrom("staff_users").select("name").where("id", "=", id).executeTakeFirstOrThrow()
  ).name;
}

async function openTakeoverCase(reportId: string) {
  const deps = testDeps(database.db);
  const fraud = await makeStaff(database.db, "fraud_analyst");
  const acct = await makeAccount(database.db, "Casebook");
  const report = await reportCompromise(deps, fraud, meta, {
    reportId,
    accountId: acct.accountId,
    summary: "Impossible travel, then a new API key",
    signals: ["impossible travel"],
  });
  return { deps, fraud, acct, report };
}

describe("the case page", () => {
  it("shows a takeover case's enforcement, report and timeline with people by name and role", async () => {
    const { deps, acct, report } = await openTakeoverCase("case-page-1");
    const lead = await makeStaff(database.db, "lead");
    const otherLead = await makeStaff(database.db, "lead");
    await completeTakeoverRecovery(database.db, acct);
    await liftEnforcement(deps, lead, meta, { enforcementId: report.enforcementId, note: "recovered" });
    await approveEnforcementLift(deps, otherLead, meta, report.enforcementId);

    const page = await getCase(deps, report.caseNumber.toLowerCase());
    expect(page.case).toMatchObject({
      number: report.caseNumber,
      reason: "account_takeover",
      status: "resolved",
    });
    expect(page.account.name).toMatch(/^Casebook \d+$/);
    expect(page.enforcements).toHaveLength(1);
    const leadName = await staffName(lead.staffId);
    const otherLeadName = await staffName(otherLead.staffId);
    expect(page.enforcements[0]).toMatchObject({
      status: "lifted",
      liftedBy: `${leadName} (lead)`,
      liftApprovedBy: `${otherLeadName} (lead)`,
    });
    expect(page.compromiseReports[0]?.reporter).toMatch(/^fraud_analyst \d+ \(fraud analyst\)$/);

    const actions = page.timeline.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "case.opened",
        "enforcement.created",
        "account.compromise_reported",
        "enforcement.lift_requested",
        "enforcement.lifted",
        "case.resolved",
      ]),
    );
    // Oldest first, and the lift by its requester and approver's names.
    const times = page.timeline.map((e) => e.occurredAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const resolved = page.timeline.find((e) => e.action === "case.resolved");
    expect(resolved?.actionLabel).toBe("Case resolved");
    expect(resolved?.actorLabel).toBe(`${otherLeadName} (lead)`);
    expect(resolved?.subject.label).toBe(`Case ${report.caseNumber}`);

    for (const text of prose(page)) expect(text).not.toMatch(UUID);
  });

  it("names exposed keys by name and prefix, and the service token that found them", async () => {
    const deps = testDeps(database.db);
    const token = await makeServiceToken(database.db, "leak-scanner");
    const acct = await makeAccount(database.db, "Leaky");
    const verdict = await recordExposure(deps, token, meta, {
      candidate: acct.key.full,
      source: "exposure_scan",
      location: "https://github.com/example/repo/blob/main/.env",
    });
    if (verdict.status !== "revoked" || !verdict.caseNumber)
      throw new Error("expected a revoked key with a case");
    const page = await getCase(deps, verdict.caseNumber);
    expect(page.exposures).toEqual([
      expect.objectContaining({ keyName: "Production sender", keyPrefix: `SG.${acct.key.keyId}` }),
    ]);
    expect(page.case.openedBy).toBe("Service “leak-scanner”");
    const revoked = page.timeline.find((e) => e.action === "api_key.revoked");
    expect(revoked?.subject.label).toBe(`“Production sender” (SG.${acct.key.keyId})`);
    for (const text of prose(page)) expect(text).not.toMatch(UUID);
  });

  it("answers an unknown or malformed case number with a clear not-found", async () => {
    const deps = testDeps(database.db);
    await expect(getCase(deps, "TD-1999-999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCase(deps, "not a case")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "No case numbered not a case.",
    });
  });
});

describe("the cases list", () => {
  it("filters by status and reason and pages newest first with no gaps or repeats", async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await openTakeoverCase(`list-${i}`)).report.caseNumber);
    const deps = testDeps(database.db);
    const token = await makeServiceToken(database.db, "leak-scanner-2");
    const leaky = await makeAccount(database.db, "Leaky list");
    await recordExposure(deps, token, meta, {
      candidate: leaky.key.full,
      source: "partner_webhook",
      location: "x",
    });

    const all = await listCases(deps, CaseListQuery.parse({ status: "all", limit: 100 }));
    const created = all.cases.map((c) => c.created_at.getTime());
    expect([...created].sort((a, b) => b - a)).toEqual(created);

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCases(
        deps,
        CaseListQuery.parse({
          status: "open",
          reason: "account_takeover",
          limit: 2,
          ...(cursor ? { cursor } : {}),
        }),
      );
      expect(page.cases.length).toBeLessThanOrEqual(2);
      for (const c of page.cases) {
        expect(c.reason).toBe("account_takeover");
        expect(c.status).toBe("open");
        expect(c.account_name).toMatch(/^Casebook \d+$/);
        expect(c.openedBy).toMatch(/\(fraud analyst\)$/);
      }
      pages.push(...page.cases.map((c) => c.number));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = all.cases
      .filter((c) => c.status === "open" && c.reason === "account_takeover")
      .map((c) => c.number);
    expect(pages).toEqual(expected);
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages).toEqual(expect.arrayContaining(made));

    const exposures = await listCases(deps, CaseListQuery.parse({ reason: "exposed_credentials" }));
    expect(exposures.cases.map((c) => c.account_id)).toContain(leaky.accountId);
    expect(exposures.cases.every((c) => c.openedBy.startsWith("Service “leak-scanner"))).toBe(true);
    expect(exposures.cases.every((c) => c.reason === "exposed_credentials")).toBe(true);

    const resolved = await listCases(deps, CaseListQuery.parse({ status: "resolved", limit: 100 }));
    expect(resolved.cases.every((c) => c.status === "resolved")).toBe(true);
    const byAccount = await listCases(
      deps,
      CaseListQuery.parse({ status: "all", accountId: leaky.accountId }),
    );
    expect(byAccount.cases).toHaveLength(1);
    expect(byAccount.cases[0]?.reason).toBe("exposed_credentials");
  });

  it("refuses a malformed cursor with a message, not a database error", () => {
    const parsed = CaseListQuery.safeParse({ cursor: "yesterday" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/no longer valid/);
  });
});
