import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import type { CompromiseReportResult } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approveEnforcementLift,
  liftEnforcement,
  recordExposure,
  reportCompromise,
} from "../../src/index.ts";
import {
  completeTakeoverRecovery,
  enforcementState,
  mailsTo,
  makeAccount,
  makeApiKey,
  makeServiceToken,
  makeStaff,
  settle,
  standing,
  testDeps,
} from "../support/fixtures.ts";

/**
 * Every use case that changes an account's enforcement state, fired N at a time: each call answers
 * a result or a DomainError (never a raw database error), and the database afterwards holds exactly
 * one active enforcement and one open case per reason, every leaked key revoked, every mail once.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-race", ip: "203.0.113.9", userAgent: "vitest" };
const N = 24;
const scanner = { type: "service" as const, name: "exposure-scan" };

describe("under concurrency, the enforcement core acts exactly once", () => {
  it(`${N} distinct compromise reports over three accounts: one suspension, one case and one mail per account`, async () => {
    const deps = testDeps(database.db);
    const fraud = await makeStaff(database.db, "fraud_analyst");
    const detector = await makeServiceToken(database.db);
    const accounts = await Promise.all([1, 2, 3].map(() => makeAccount(database.db)));
    const calls = Array.from({ length: N }, (_, i) => {
      const acct = accounts[i % 3] as (typeof accounts)[number];
      return reportCompromise(deps, i % 2 === 0 ? fraud : detector, meta, {
        reportId: `distinct-${i}`,
        accountId: acct.accountId,
        summary: `Suspicious burst ${i}`,
        signals: ["impossible travel"],
      });
    });
    const { values, errors } = await settle(calls);
    expect(errors).toEqual([]);
    expect(values.every((v) => v.created)).toBe(true);
    for (const acct of accounts) {
      const state = await enforcementState(database.db, acct.accountId);
      expect(state.reports).toHaveLength(N / 3);
      expect(state.active("account_takeover")).toHaveLength(1);
      expect(state.enforcements).toHaveLength(1);
      expect(state.open("account_takeover")).toHaveLength(1);
      expect(state.cases).toHaveLength(1);
      const mine = values.filter((v) => v.accountId === acct.accountId);
      expect(new Set(mine.map((v) => v.enforcementId)).size).toBe(1);
      expect(new Set(mine.map((v) => v.caseNumber)).size).toBe(1);
      expect(await mailsTo(database.db, acct.ownerEmail, "ato_suspended")).toHaveLength(1);
      expect(await standing(database.db, acct.accountId)).toBe("restricted");
    }
  });

  it(`${N} identical reports (same reporter, same id): one report, one suspension, the same answer for all`, async () => {
    const deps = testDeps(database.db);
    const detector = await makeServiceToken(database.db);
    const acct = await makeAccount(database.db);
    const input = { reportId: "same-id", accountId: acct.accountId, summary: "Stuffing burst", signals: [] };
    const { values, errors } = await settle(
      Array.from({ length: N }, () => reportCompromise(deps, detector, meta, input)),
    );
    expect(errors).toEqual([]);
    expect(values.filter((v) => v.created)).toHaveLength(1);
    expect(new Set(values.map((v) => v.enforcementId)).size).toBe(1);
    expect(new Set(values.map((v) => v.caseNumber)).size).toBe(1);
    const state = await enforcementState(database.db, acct.accountId);
    expect(state.reports).toHaveLength(1);
    expect(state.enforcements).toHaveLength(1);
    expect(state.cases).toHaveLength(1);
    expect(await mailsTo(database.db, acct.ownerEmail, "ato_suspended")).toHaveLength(1);
  });

  it(`the same reporter id sent for ${N} different accounts at once: one wins, the others are told it is taken`, async () => {
    const deps = testDeps(database.db);
    const detector = await makeServiceToken(database.db);
    const accounts = await Promise.all(Array.from({ length: N }, () => makeAccount(database.db)));
    const { values, errors } = await settle(
      accounts.map((a) =>
        reportCompromise(deps, detector, meta, {
          reportId: "reused-id",
          accountId: a.accountId,
          summary: "Stuffing",
          signals: [],
        }),
      ),
    );
    expect(values).toHaveLength(1);
    expect(errors).toHaveLength(N - 1);
    expect(errors.every((e) => e.code === "CONFLICT")).toBe(true);
    const restricted = await Promise.all(accounts.map((a) => standing(database.db, a.accountId)));
    expect(restricted.filter((s) => s === "restricted")).toHaveLength(1);
  });

  it(`${N} reports of the same key at the same location: revoked, one exposure, one enforcement, one case, one mail`, async () => {
    const deps = testDeps(database.db);
    const acct = await makeAccount(database.db);
    const input = { candidate: acct.key.full, source: "exposure_scan" as const, location: "repo@abc:.env" };
    const { values, errors } = await settle(
      Array.from({ length: N }, () => recordExposure(deps, scanner, null, input)),
    );
    expect(errors).toEqual([]);
    const revoked = values.flatMap((v) =>
      v.status === "revoked" || v.status === "already_revoked" ? [v] : [],
    );
    expect(revoked).toHaveLength(N);
    expect(revoked.filter((v) => v.newExposure)).toHaveLength(1);
    expect(revoked.filter((v) => v.status === "revoked")).toHaveLength(1);
    expect(new Set(revoked.map((v) => v.enforcementId)).size).toBe(1);
    const state = await enforcementState(database.db, acct.accountId);
    expect(state.exposures).toHaveLength(1);
    expect(state.enforcements).toHaveLength(1);
    expect(state.cases).toHaveLength(1);
    const key = await database.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("id", "=", acct.key.id)
      .executeTakeFirstOrThrow();
    expect(key.revoked_at).not.toBeNull();
    expect(await mailsTo(database.db, acct.ownerEmail, "credential_exposed")).toHaveLength(1);
  });

  it(`${N} reports of one key at ${N} different locations: one enforcement and case, one exposure and one mail per location`, async () => {
    const deps = testDeps(database.db);
    const acct = await makeAccount(database.db);
    const locations = Array.from({ length: N }, (_, i) => `https://paste.example/${i}`);
    const { values, errors } = await settle(
      locations.map((location) =>
        recordExposure(deps, scanner, null, { candidate: acct.key.full, source: "exposure_scan", location }),
      ),
    );
    expect(errors).toEqual([]);
    expect(values.every((v) => "newExposure" in v && v.newExposure)).toBe(true);
    const state = await enforcementState(database.db, acct.accountId);
    expect(state.exposures).toHaveLength(N);
    expect(state.active("exposed_credentials")).toHaveLength(1);
    expect(state.enforcements).toHaveLength(1);
    expect(state.open("exposed_credentials")).toHaveLength(1);
    expect(state.cases).toHaveLength(1);
    const mails = await mailsTo(database.db, acct.ownerEmail, "credential_exposed");
    expect(mails).toHaveLength(N);
    // Each location is told once.
    for (const location of locations)
      expect(mails.filter((m) => m.text_body.includes(`${location}\n`))).toHaveLength(1);
  });

  it(`compromise reports and exposures of two keys on one account at once (${N} calls): one enforcement and one case per reason`, async () => {
    const deps = testDeps(database.db);
    const fraud = await makeStaff(database.db, "fraud_analyst");
    const acct = await makeAccount(database.db);
    const second = await makeApiKey(database.db, acct.accountId, "Staging");
    const keys = [acct.key, second];
    const calls: Array<Promise<unknown>> = [];
    for (let i = 0; i < N; i += 1) {
      if (i % 2 === 0) {
        calls.push(
          reportCompromise(deps, fraud, meta, {
            reportId: `mixed-${i}`,
            accountId: acct.accountId,
            summary: "Takeover and a leak",
            signals: [],
          }),
        );
      } else {
        const key = keys[i % 4 === 1 ? 0 : 1] as (typeof keys)[number];
        calls.push(
          recordExposure(deps, scanner, null, {
            candidate: key.full,
            source: "partner_webhook",
            location: "https://gist.example/leak",
          }),
        );
      }
    }
    const { errors } = await settle(calls);
    expect(errors).toEqual([]);
    const state = await enforcementState(database.db, acct.accountId);
    expect(state.active("account_takeover")).toHaveLength(1);
    expect(state.active("exposed_credentials")).toHaveLength(1);
    expect(state.enforcements).toHaveLength(2);
    expect(state.open("account_takeover")).toHaveLength(1);
    expect(state.open("exposed_credentials")).toHaveLength(1);
    expect(state.cases).toHaveLength(2);
    expect(state.reports).toHaveLength(N / 2);
    expect(state.exposures).toHaveLength(2);
    const stored = await database.db
      .selectFrom("api_keys")
      .select(["revoked_at"])
      .where("account_id", "=", acct.accountId)
      .execute();
    expect(stored.every((k) => k.revoked_at !== null)).toBe(true);
    expect(await mailsTo(database.db, acct.ownerEmail, "ato_suspended")).toHaveLength(1);
    expect(await mailsTo(database.db, acct.ownerEmail, "credential_exposed")).toHaveLength(2);
  });

  it(`${N} staff ask to lift the same takeover suspension at once: one request stands, the others are told whose it is`, async () => {
    const deps = testDeps(database.db);
    const fraud = await makeStaff(database.db, "fraud_analyst");
    const acct = await makeAccount(database.db);
    const report = await reportCompromise(deps, fraud, meta, {
      reportId: "two-requests",
      accountId: acct.accountId,
      summary: "ATO",
      signals: [],
    });
    await completeTakeoverRecovery(database.db, acct);
    const staff = await Promise.all(
      Array.from({ length: N }, (_, i) => makeStaff(database.db, i % 2 === 0 ? "agent" : "lead")),
    );
    const { values, errors } = await settle(
      staff.map((s) =>
        liftEnforcement(deps, s, meta, { enforcementId: report.enforcementId, note: "recovered" }),
      ),
    );
    expect(values).toHaveLength(1);
    expect(values[0]?.status).toBe("awaiting_approval");
    expect(errors).toHaveLength(N - 1);
    const e = await database.db
      .selectFrom("enforcements as e")
      .innerJoin("staff_users as s", "s.id", "e.lift_requested_by_staff_id")
      .select(["s.name", "e.status"])
      .where("e.id", "=", report.enforcementId)
      .executeTakeFirstOrThrow();
    expect(e.status).toBe("active");
    for (const error of errors) {
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain(e.name);
    }
    const requested = await database.db
      .selectFrom("audit_events")
      .select("id")
      .where("subject_id", "=", report.enforcementId)
      .where("action", "=", "enforcement.lift_requested")
      .execute();
    expect(requested).toHaveLength(1);
  });

  it(`approvals racing new compromise reports (${N} calls over ${N / 2} accounts): one active suspension and one open case each`, async () => {
    const deps = testDeps(database.db);
    const fraud = await makeStaff(database.db, "fraud_analyst");
    const agent = await makeStaff(database.db, "agent");
    const lead = await makeStaff(database.db, "lead");
    const accounts = await Promise.all(Array.from({ length: N / 2 }, () => makeAccount(database.db)));
    const first = new Map<string, CompromiseReportResult>();
    for (const acct of accounts) {
      const report = await reportCompromise(deps, fraud, meta, {
        reportId: `race-first-${acct.accountId}`,
        accountId: acct.accountId,
        summary: "ATO",
        signals: [],
      });
      first.set(acct.accountId, report);
      await completeTakeoverRecovery(database.db, acct);
      await liftEnforcement(deps, agent, meta, { enforcementId: report.enforcementId, note: "recovered" });
    }
    const approvals = accounts.map((a) =>
      approveEnforcementLift(deps, lead, meta, first.get(a.accountId)?.enforcementId as string),
    );
    const reports = accounts.map((a) =>
      reportCompromise(deps, fraud, meta, {
        reportId: `race-second-${a.accountId}`,
        accountId: a.accountId,
        summary: "Taken over again",
        signals: [],
      }),
    );
    const approved = await settle(approvals);
    const reported = await settle(reports);
    expect(reported.errors).toEqual([]);
    // An approval either won (lifted) or found the request withdrawn by the new report.
    expect(approved.values.every((v) => v.status === "lifted")).toBe(true);
    expect(approved.errors.every((e) => e.code === "PRECONDITION_FAILED")).toBe(true);
    for (const acct of accounts) {
      const state = await enforcementState(database.db, acct.accountId);
      expect(state.active("account_takeover")).toHaveLength(1);
      expect(state.open("account_takeover")).toHaveLength(1);
      expect(await standing(database.db, acct.accountId)).toBe("restricted");
      const active = await database.db
        .selectFrom("enforcements")
        .select(["lift_requested_by_staff_id"])
        .where("account_id", "=", acct.accountId)
        .where("status", "=", "active")
        .executeTakeFirstOrThrow();
      // Whatever the order, no approval is waiting on evidence the new report has changed.
      expect(active.lift_requested_by_staff_id).toBeNull();
    }
  });
});
