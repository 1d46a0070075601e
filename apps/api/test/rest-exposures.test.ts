import { createServiceToken, issueApiKey } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
let token: string;
let activityOnly: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (await createServiceToken(server.deps, "test", { name: "log-scanner", scopes: ["exposure:write"] }))
    .token;
  activityOnly = (
    await createServiceToken(server.deps, "test", { name: "email-service", scopes: ["activity:write"] })
  ).token;
});
afterAll(async () => {
  await server.close();
});

async function leakyAccount(name: string) {
  const acct = await server.deps.db
    .insertInto("accounts")
    .values({ name, website: null, country: null, signup_ip: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const owner = await server.deps.db
    .insertInto("customer_users")
    .values({
      account_id: acct.id,
      email: `owner@${name.toLowerCase().replace(/\W/g, "")}.example`,
      name: "Owner",
      role: "owner",
      password_hash: "not-used",
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      last_sign_in_at: null,
    })
    .returning("email")
    .executeTakeFirstOrThrow();
  const key = await issueApiKey(server.deps.db, {
    accountId: acct.id,
    name: "Production sender",
    createdByUserId: null,
  });
  return { accountId: acct.id, email: owner.email, key };
}

const post = (body: unknown, bearer: string | null = token) =>
  fetch(`${server.url}/v1/exposures`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });

const count = async (
  table: "exposure_reports" | "credential_exposures" | "enforcements",
  accountId?: string,
) => {
  let q = server.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n"));
  if (accountId && table !== "exposure_reports") q = q.where("account_id", "=", accountId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

describe("POST /v1/exposures (internal scanners)", () => {
  it("revokes a key we issued, opens the case (201); a retry of the finding answers the same (200)", async () => {
    const acct = await leakyAccount("Logged Co");
    const finding = {
      findingId: "logscan-0001",
      key: acct.key.key,
      location: "app-logs/2026-11-29/web-3 line 88812",
    };
    const first = await post(finding);
    expect(first.status).toBe(201);
    const body = (await first.json()) as {
      status: string;
      keyPrefix: string;
      caseNumber: string;
      created: boolean;
    };
    expect(body).toMatchObject({ status: "revoked", keyPrefix: `SG.${acct.key.keyId}`, created: true });
    expect(body.caseNumber).toMatch(/^TD-/);
    const retry = await post(finding);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ ...body, created: false });
  });

  it(`is idempotent on the finding id under 16 parallel calls: one report, one exposure, one enforcement, one mail`, async () => {
    const acct = await leakyAccount("Parallel Co");
    const finding = { findingId: "logscan-parallel", key: acct.key.key, location: "ci-logs/build-77 line 4" };
    const reportsBefore = await count("exposure_reports");
    const answers = await Promise.all(Array.from({ length: 16 }, () => post(finding)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(15);
    expect(await count("exposure_reports")).toBe(reportsBefore + 1);
    expect(await count("credential_exposures", acct.accountId)).toBe(1);
    expect(await count("enforcements", acct.accountId)).toBe(1);
    const mails = await server.deps.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", acct.email)
      .execute();
    expect(mails).toHaveLength(1);
  });

  it("counts a key of our format that we never issued without storing it", async () => {
    const stranger = `SG.${"q".repeat(22)}.${"z".repeat(43)}`;
    const res = await post({ findingId: "logscan-stranger", key: stranger, location: "somewhere" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: "unknown_key", keyPrefix: null, caseNumber: null });
    const rows = await server.deps.db
      .selectFrom("exposure_reports")
      .selectAll()
      .where("finding_id", "=", "logscan-stranger")
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("q".repeat(22));
  });

  it("answers 401 without a token, 403 without the scope, 400 naming the fields (the key is never echoed)", async () => {
    expect((await post({}, null)).status).toBe(401);
    expect((await post({}, activityOnly)).status).toBe(403);
    const bad = await post({ findingId: "", key: "SG.short.key-secret-never-echoed", location: "" });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(
      Object.keys((JSON.parse(text) as { error: { fields: Record<string, string> } }).error.fields).sort(),
    ).toEqual(["findingId", "key", "location"]);
    expect(text).not.toContain("secret-never-echoed");
  });
});
