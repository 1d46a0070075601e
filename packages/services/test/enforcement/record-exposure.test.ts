import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liftEnforcement, recordExposure } from "../../src/index.ts";
import { makeAccount, makeApiKey, makeStaff, standing, testDeps } from "../support/fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const scanner = { type: "service" as const, name: "exposure-scan" };

describe("recording an exposed API key", () => {
  it("tells a non-key and a key of our format that we never issued (or a wrong secret) apart from a real one", async () => {
    const deps = testDeps(database.db);
    const acct = await makeAccount(database.db);
    expect(
      await recordExposure(deps, scanner, null, {
        candidate: "hello world",
        source: "exposure_scan",
        location: "x",
      }),
    ).toEqual({
      status: "not_a_key",
    });
    const forged = `SG.${acct.key.keyId}.${"A".repeat(43)}`;
    expect(
      await recordExposure(deps, scanner, null, {
        candidate: forged,
        source: "exposure_scan",
        location: "x",
      }),
    ).toEqual({
      status: "unknown_key",
    });
    expect(await standing(database.db, acct.accountId)).toBe("active");
  });

  it("revokes a real key at once, enforces, opens the case and tells the customer which key, where and when — never the secret", async () => {
    const deps = testDeps(database.db);
    const acct = await makeAccount(database.db);
    const location = "https://code.example/acme/app/blob/main/config.js";
    const verdict = await recordExposure(deps, { type: "service", name: "partner-webhook" }, null, {
      candidate: acct.key.full,
      source: "partner_webhook",
      location,
    });
    expect(verdict).toMatchObject({
      status: "revoked",
      keyPrefix: `SG.${acct.key.keyId}`,
      newExposure: true,
    });
    expect(await standing(database.db, acct.accountId)).toBe("restricted");
    const key = await database.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("id", "=", acct.key.id)
      .executeTakeFirstOrThrow();
    expect(key.revoked_at).not.toBeNull();
    const mail = await database.db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", acct.ownerEmail)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain("Production sender");
    expect(mail.text_body).toContain(`SG.${acct.key.keyId}`);
    expect(mail.text_body).toContain(location);
    // The secret appears nowhere we write.
    for (const table of [
      "mail_outbox",
      "audit_events",
      "credential_exposures",
      "enforcements",
      "cases",
    ] as const) {
      const rows = await database.db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(acct.key.secret);
    }
  });

  it("is safe to retry, and a second leaked key extends the same case and enforcement", async () => {
    const deps = testDeps(database.db);
    const acct = await makeAccount(database.db);
    const input = {
      candidate: acct.key.full,
      source: "exposure_scan" as const,
      location: "repo@abc123:.env",
    };
    const first = await recordExposure(deps, scanner, null, input);
    const again = await recordExposure(deps, scanner, null, input);
    expect(again).toMatchObject({ status: "already_revoked", newExposure: false });
    const second = await makeApiKey(database.db, acct.accountId, "Staging");
    const other = await recordExposure(deps, scanner, null, { ...input, candidate: second.full });
    if (first.status !== "revoked" || other.status !== "revoked") throw new Error("expected revocations");
    expect(other.caseNumber).toBe(first.caseNumber);
    expect(other.enforcementId).toBe(first.enforcementId);
    const mails = await database.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", acct.ownerEmail)
      .execute();
    expect(mails).toHaveLength(2);
  });

  it("lifts only with every exposed key revoked, a replacement created after, and the customer's confirmation", async () => {
    const deps = testDeps(database.db);
    const agent = await makeStaff(database.db, "agent");
    const acct = await makeAccount(database.db);
    const verdict = await recordExposure(deps, scanner, null, {
      candidate: acct.key.full,
      source: "exposure_scan",
      location: "feed",
    });
    if (verdict.status !== "revoked" || !verdict.enforcementId) throw new Error("expected an enforcement");
    await expect(
      liftEnforcement(deps, agent, null, { enforcementId: verdict.enforcementId }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await makeApiKey(database.db, acct.accountId, "Replacement", new Date(Date.now() + 1000));
    await database.db
      .insertInto("tickets")
      .values({
        account_id: acct.accountId,
        category: "exposed_credentials",
        subject: "Rotated the key",
        form: JSON.stringify({ remediationConfirmedAt: new Date(Date.now() + 2000).toISOString() }),
        enforcement_id: verdict.enforcementId,
      } as never)
      .execute();
    const enforcementId = verdict.enforcementId;
    const lifted = await liftEnforcement(deps, agent, null, { enforcementId });
    expect(lifted).toMatchObject({ status: "lifted", accountRestored: true });
    expect(await standing(database.db, acct.accountId)).toBe("active");
  });
});
