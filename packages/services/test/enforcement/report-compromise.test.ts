import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { DomainError } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveEnforcementLift, liftEnforcement, reportCompromise } from "../../src/index.ts";
import { makeAccount, makeStaff, standing, testDeps } from "../support/fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-test", ip: "203.0.113.5", userAgent: "vitest" };

async function counts(accountId: string) {
  const db = database.db;
  const [e, c, m, r] = await Promise.all([
    db.selectFrom("enforcements").select("id").where("account_id", "=", accountId).execute(),
    db.selectFrom("cases").select("id").where("account_id", "=", accountId).execute(),
    db.selectFrom("mail_outbox").select("id").where("template", "=", "ato_suspended").execute(),
    db.selectFrom("compromise_reports").select("id").where("account_id", "=", accountId).execute(),
  ]);
  return { enforcements: e.length, cases: c.length, mails: m.length, reports: r.length };
}

describe("reporting a compromise (account takeover)", () => {
  it("suspends at once in one transaction: sessions revoked, keys disabled, case with hotline, mail, audit", async () => {
    const deps = testDeps(database.db);
    const fraud = await makeStaff(database.db, "fraud_analyst");
    const acct = await makeAccount(database.db);
    const result = await reportCompromise(deps, fraud, meta, {
      reportId: "fraud-report-1",
      accountId: acct.accountId,
      summary: "Impossible travel then a new API key",
      signals: ["impossible travel"],
    });
    expect(result.created).toBe(true);
    expect(result.caseNumber).toMatch(/^TD-\d{4}-\d{6}$/);
    expect(result.hotlineNumber).toBe(deps.config.hotlineNumber);
    expect(await standing(database.db, acct.accountId)).toBe("restricted");
    const sessions = await database.db
      .selectFrom("sessions")
      .select(["revoked_at", "revoked_reason"])
      .where("customer_user_id", "=", acct.ownerId)
      .execute();
    expect(sessions.every((s) => s.revoked_at !== null && s.revoked_reason === "account_takeover")).toBe(
      true,
    );
    const keys = await database.db
      .selectFrom("api_keys")
      .select("disabled_at")
      .where("account_id", "=", acct.accountId)
      .execute();
    expect(keys.every((k) => k.disabled_at !== null)).toBe(true);
    const mail = await database.db
      .selectFrom("mail_outbox")
      .select(["to_address", "text_body"])
      .where("template", "=", "ato_suspended")
      .executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(acct.ownerEmail);
    expect(mail.text_body).toContain(result.caseNumber);
    expect(mail.text_body).toContain(result.hotlineNumber);
    const actions = (
      await database.db
        .selectFrom("audit_events")
        .select("action")
        .where("account_id", "=", acct.accountId)
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["case.opened", "enforcement.created", "account.compromise_reported"]),
    );
  });

  it("is idempotent on the report id: a retry creates nothing new and answers the same case", async () => {
    const deps = testDeps(database.db);
    const detector = { type: "service" as const, name: "ato-detector", tokenId: await serviceToken() };
    const acct = await makeAccount(database.db);
    const input = {
      reportId: "detector-42",
      accountId: acct.accountId,
      summary: "Credential stuffing burst",
      signals: [],
    };
    const first = await reportCompromise(deps, detector, meta, input);
    const before = await counts(acct.accountId);
    const retries = await Promise.all([
      reportCompromise(deps, detector, meta, input),
      reportCompromise(deps, detector, meta, input),
    ]);
    for (const r of retries) {
      expect(r.created).toBe(false);
      expect(r.caseNumber).toBe(first.caseNumber);
      expect(r.enforcementId).toBe(first.enforcementId);
    }
    expect(await counts(acct.accountId)).toEqual(before);
    const other = await makeAccount(database.db);
    await expect(
      reportCompromise(deps, detector, meta, { ...input, accountId: other.accountId }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses an unknown account with a clear not-found", async () => {
    const fraud = await makeStaff(database.db, "fraud_analyst");
    await expect(
      reportCompromise(testDeps(database.db), fraud, meta, {
        reportId: "r-unknown",
        accountId: "00000000-0000-4000-8000-000000000000",
        summary: "nobody",
        signals: [],
      }),
    ).rejects.toBeInstanceOf(DomainError);
  });
});

async function serviceToken() {
  const row = await database.db
    .insertInto("service_tokens")
    .values({
      name: "detector",
      token_prefix: "tdsvc_x",
      token_hash: Buffer.from(String(Math.random())),
      scopes: ["compromise:write"],
      created_by: "test",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("lifting an account-takeover suspension (four-eyes)", () => {
  it("refuses with the unmet requirements, then needs a lead other than the requester", async () => {
    const deps = testDeps(database.db);
    const fraud = await makeStaff(database.db, "fraud_analyst");
    const agent = await makeStaff(database.db, "agent");
    const lead = await makeStaff(database.db, "lead");
    const otherLead = await makeStaff(database.db, "lead");
    const acct = await makeAccount(database.db);
    const report = await reportCompromise(deps, fraud, meta, {
      reportId: "lift-1",
      accountId: acct.accountId,
      summary: "ATO",
      signals: [],
    });

    const refused = await liftEnforcement(deps, agent, meta, { enforcementId: report.enforcementId }).catch(
      (e: DomainError) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    const unmet = ((refused as DomainError).details as { unmet: Array<{ code: string }> }).unmet.map(
      (u) => u.code,
    );
    expect(unmet).toEqual(
      expect.arrayContaining(["ato.password_changed", "ato.two_factor_enrolled", "ato.api_keys_revoked"]),
    );

    // The customer recovers: new password, 2FA, keys revoked (all after the suspension).
    const later = new Date(Date.now() + 60_000);
    await database.db
      .updateTable("customer_users")
      .set({ password_changed_at: later, totp_enabled_at: later })
      .where("id", "=", acct.ownerId)
      .execute();
    await database.db
      .updateTable("api_keys")
      .set({ revoked_at: later, revoked_reason: "rotated" })
      .where("account_id", "=", acct.accountId)
      .execute();

    const requested = await liftEnforcement(deps, lead, meta, {
      enforcementId: report.enforcementId,
      note: "customer recovered",
    });
    expect(requested.status).toBe("awaiting_approval");
    expect(await standing(database.db, acct.accountId)).toBe("restricted");

    // The requester cannot approve their own request, and an agent is not a lead.
    await expect(approveEnforcementLift(deps, lead, meta, report.enforcementId)).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await expect(approveEnforcementLift(deps, agent, meta, report.enforcementId)).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(await standing(database.db, acct.accountId)).toBe("restricted");

    const approved = await approveEnforcementLift(deps, otherLead, meta, report.enforcementId);
    expect(approved.status).toBe("lifted");
    expect(await standing(database.db, acct.accountId)).toBe("active");
    const e = await database.db
      .selectFrom("enforcements")
      .selectAll()
      .where("id", "=", report.enforcementId)
      .executeTakeFirstOrThrow();
    expect(e.lifted_by_staff_id).toBe(lead.staffId);
    expect(e.lift_approved_by_staff_id).toBe(otherLead.staffId);
    expect(e.lift_decision).toMatchObject({
      reason: "account_takeover",
      requester: { staffId: lead.staffId },
      approver: { staffId: otherLead.staffId },
      evidence: { reportId: "lift-1" },
    });
    const kase = await database.db
      .selectFrom("cases")
      .select("status")
      .where("number", "=", report.caseNumber)
      .executeTakeFirstOrThrow();
    expect(kase.status).toBe("resolved");
    expect((await approveEnforcementLift(deps, otherLead, meta, report.enforcementId)).status).toBe(
      "already_lifted",
    );
  });
});
