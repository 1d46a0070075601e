import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyEnforcement,
  decideSignupVetting,
  liftEnforcement,
  openManualEnforcement,
} from "../../src/index.ts";
import { makeAccount, makeStaff, standing, testDeps } from "../support/fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

describe("manual enforcements", () => {
  it("restrict with a reason and a note, and lift only with a staff note for the record", async () => {
    const deps = testDeps(database.db);
    const agent = await makeStaff(database.db, "agent");
    const acct = await makeAccount(database.db);
    const { enforcementId } = await openManualEnforcement(deps, agent, null, {
      accountId: acct.accountId,
      reason: "spam_complaints",
      note: "Complaint rate 2.3% over the last week",
    });
    expect(await standing(database.db, acct.accountId)).toBe("restricted");
    await expect(liftEnforcement(deps, agent, null, { enforcementId })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(
      await liftEnforcement(deps, agent, null, { enforcementId, note: "Complaints back under 0.1%" }),
    ).toMatchObject({
      status: "lifted",
    });
    expect(await standing(database.db, acct.accountId)).toBe("active");
    expect((await liftEnforcement(deps, agent, null, { enforcementId, note: "again" })).status).toBe(
      "already_lifted",
    );
  });
});

describe("sign-up vetting decisions", () => {
  it("an agent's approval of a sign-up in review lifts its restriction in the same transaction", async () => {
    const deps = testDeps(database.db);
    const agent = await makeStaff(database.db, "agent");
    const acct = await makeAccount(database.db);
    const decision = await database.db
      .insertInto("vetting_decisions")
      .values({
        account_id: acct.accountId,
        policy_version: 1,
        outcome: "review",
        score: 50,
        fired_rules: "[]",
        signals: "{}",
        decided_by: "policy",
        decided_by_staff_id: null,
        note: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db.transaction().execute((trx) =>
      applyEnforcement(trx, { type: "service", name: "vetting" }, null, {
        accountId: acct.accountId,
        policyCode: "vetting.review",
        evidence: {
          reason: "signup_vetting",
          vettingDecisionId: decision.id,
          outcome: "review",
          score: 50,
          policyVersion: 1,
        },
      }),
    );
    expect(await standing(database.db, acct.accountId)).toBe("restricted");
    const result = await decideSignupVetting(deps, agent, null, {
      accountId: acct.accountId,
      outcome: "approve",
      note: "Real business, checked",
    });
    expect(result).toMatchObject({ lifted: true, accountRestored: true });
    expect(await standing(database.db, acct.accountId)).toBe("active");
  });

  it("a rejected sign-up is lifted only through an appeal ticket", async () => {
    const deps = testDeps(database.db);
    const agent = await makeStaff(database.db, "agent");
    const acct = await makeAccount(database.db);
    await database.db.transaction().execute((trx) =>
      applyEnforcement(trx, { type: "service", name: "vetting" }, null, {
        accountId: acct.accountId,
        policyCode: "vetting.reject",
        evidence: {
          reason: "signup_vetting",
          vettingDecisionId: "00000000-0000-4000-8000-000000000001",
          outcome: "reject",
          score: 120,
          policyVersion: 1,
        },
      }),
    );
    await expect(
      decideSignupVetting(deps, agent, null, {
        accountId: acct.accountId,
        outcome: "approve",
        note: "looks fine",
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    // Nothing of the refused decision was kept.
    const staffDecisions = await database.db
      .selectFrom("vetting_decisions")
      .select("id")
      .where("account_id", "=", acct.accountId)
      .execute();
    expect(staffDecisions).toHaveLength(0);
    const appeal = await database.db
      .insertInto("tickets")
      .values({
        account_id: acct.accountId,
        category: "signup_vetting",
        subject: "Please reconsider",
        form: "{}",
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    const ok = await decideSignupVetting(deps, agent, null, {
      accountId: acct.accountId,
      outcome: "approve",
      note: "Appeal: verified the company registration",
      appealTicketId: appeal.id,
    });
    expect(ok.lifted).toBe(true);
  });
});

describe("dormancy", () => {
  it("lifts after the customer's reactivation request and an agent's review", async () => {
    const deps = testDeps(database.db);
    const agent = await makeStaff(database.db, "agent");
    const acct = await makeAccount(database.db);
    const e = await database.db.transaction().execute((trx) =>
      applyEnforcement(trx, { type: "service", name: "dormancy-scan" }, null, {
        accountId: acct.accountId,
        policyCode: "dormancy.inactive",
        evidence: { reason: "dormancy", lastActivityDay: "2025-01-01", plan: "free", dormancyDays: 90 },
      }),
    );
    await expect(
      liftEnforcement(deps, agent, null, { enforcementId: e.id, dormancyDecision: "reactivate" }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await database.db
      .insertInto("tickets")
      .values({
        account_id: acct.accountId,
        category: "dormant_account",
        subject: "Reactivate please",
        form: JSON.stringify({
          intendedUse: "Order confirmations for our online shop customers",
          expectedMonthlyVolume: 5000,
          sendingDomains: ["shop.example.com"],
        }),
        enforcement_id: e.id,
      } as never)
      .execute();
    await expect(liftEnforcement(deps, agent, null, { enforcementId: e.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(
      await liftEnforcement(deps, agent, null, { enforcementId: e.id, dormancyDecision: "reactivate" }),
    ).toMatchObject({
      status: "lifted",
    });
  });
});
