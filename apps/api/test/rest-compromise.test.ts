import { createServiceToken } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
let token: string;
let activityOnly: string;
let accountId: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (
    await createServiceToken(server.deps, "test", { name: "ato-detector", scopes: ["compromise:write"] })
  ).token;
  activityOnly = (
    await createServiceToken(server.deps, "test", { name: "email-service", scopes: ["activity:write"] })
  ).token;
  accountId = (
    await server.deps.db
      .insertInto("accounts")
      .values({ name: "Victim Co", website: null, country: null, signup_ip: null })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await server.close();
});

const post = (body: unknown, bearer: string | null = token) =>
  fetch(`${server.url}/v1/compromise-reports`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });

describe("POST /v1/compromise-reports", () => {
  it("suspends the account and answers 201 with the case, then 200 with the same case on a retry", async () => {
    const report = {
      reportId: "det-2026-0001",
      accountId,
      summary: "Login from TOR exit then password change",
      signals: ["tor exit node"],
    };
    const first = await post(report);
    expect(first.status).toBe(201);
    const body = (await first.json()) as { caseNumber: string; created: boolean; hotlineNumber: string };
    expect(body).toMatchObject({ created: true, hotlineNumber: server.deps.config.hotlineNumber });
    const retry = await post(report);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ caseNumber: body.caseNumber, created: false });
    const state = await server.deps.db
      .selectFrom("account_standing")
      .select("state")
      .where("account_id", "=", accountId)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe("restricted");
  });

  it("answers every error path clearly: 401, 403, 400 with fields, 404, 409, 413", async () => {
    expect((await post({}, null)).status).toBe(401);
    expect((await post({}, activityOnly)).status).toBe(403);
    const invalid = await post({ reportId: "", accountId: "nope", summary: "x" });
    expect(invalid.status).toBe(400);
    const fields = ((await invalid.json()) as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(["accountId", "reportId", "summary"]);
    const missing = await post({
      reportId: "det-x",
      accountId: "00000000-0000-4000-8000-000000000000",
      summary: "who?",
    });
    expect(missing.status).toBe(404);
    const other = (
      await server.deps.db
        .insertInto("accounts")
        .values({ name: "Other", website: null, country: null, signup_ip: null })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const reused = await post({
      reportId: "det-2026-0001",
      accountId: other,
      summary: "same id, other account",
    });
    expect(reused.status).toBe(409);
    const huge = await post({ reportId: "det-big", accountId, summary: "x".repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });
});
