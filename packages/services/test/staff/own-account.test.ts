import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { DomainError } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  endOtherOwnSessions,
  endOwnSession,
  listOwnSessions,
  regenerateRecoveryCodes,
  signIn,
  verifySecondFactor,
} from "../../src/index.ts";
import { mailsTo, testDeps } from "../support/fixtures.ts";
import { makeColleague, STAFF_PASSWORD } from "./support.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-me", ip: "203.0.113.10", userAgent: "vitest" };

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("recovery codes", () => {
  it("regenerates them with a current authenticator code; the code cannot be replayed, and the new codes sign in", async () => {
    const deps = testDeps(database.db);
    const me = await makeColleague(database.db, "fraud_analyst");
    const code = await me.code();
    const { recoveryCodes } = await regenerateRecoveryCodes(deps, me.actor, meta, { code });
    expect(recoveryCodes).toHaveLength(10);
    const stored = await database.db
      .selectFrom("recovery_codes")
      .select("id")
      .where("staff_user_id", "=", me.id)
      .execute();
    expect(stored).toHaveLength(10);
    expect(await mailsTo(database.db, me.email, "recovery_codes_regenerated")).toHaveLength(1);

    const replay = await refusal(regenerateRecoveryCodes(deps, me.actor, meta, { code }));
    expect(replay.code).toBe("INVALID_CREDENTIALS");
    expect((await refusal(regenerateRecoveryCodes(deps, me.actor, meta, { code: "000000" }))).code).toBe(
      "INVALID_CREDENTIALS",
    );

    const partial = await signIn(deps, meta, "staff", { email: me.email, password: STAFF_PASSWORD }, null);
    if (!("sessionId" in partial)) throw new Error("expected a session");
    const full = await verifySecondFactor(
      deps,
      meta,
      {
        id: partial.sessionId,
        realm: "staff",
        stage: "second_factor",
        userId: me.id,
        expiresAt: partial.expiresAt,
      },
      { recoveryCode: (recoveryCodes[0] as string).replace("-", "") },
    );
    expect("stage" in full && full.stage).toBe("full");
    const audit = await database.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", me.id)
      .where("action", "=", "auth.recovery_codes_regenerated")
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe("own sessions", () => {
  it("lists only the caller's live sessions with the current one marked, and ends another one", async () => {
    const deps = testDeps(database.db);
    const me = await makeColleague(database.db, "agent");
    const someoneElse = await makeColleague(database.db, "agent");
    await signIn(deps, meta, "staff", { email: me.email, password: STAFF_PASSWORD }, null);
    const sessions = await listOwnSessions(deps, me.actor);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current).map((s) => s.id)).toEqual([me.sessionId]);
    expect(sessions.find((s) => s.current)).toMatchObject({
      ip: "198.51.100.4",
      userAgent: "Firefox on Linux",
    });

    const other = sessions.find((s) => !s.current);
    if (!other) throw new Error("expected a second session");
    expect((await refusal(endOwnSession(deps, someoneElse.actor, meta, { sessionId: other.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await refusal(endOwnSession(deps, me.actor, meta, { sessionId: me.sessionId }))).code).toBe(
      "PRECONDITION_FAILED",
    );
    await endOwnSession(deps, me.actor, meta, { sessionId: other.id });
    await endOwnSession(deps, me.actor, meta, { sessionId: other.id });
    expect((await listOwnSessions(deps, me.actor)).map((s) => s.id)).toEqual([me.sessionId]);
    expect(await listOwnSessions(deps, someoneElse.actor)).toHaveLength(1);
  });

  it("signs out everywhere else and keeps the session in use", async () => {
    const deps = testDeps(database.db);
    const me = await makeColleague(database.db, "lead");
    await signIn(deps, meta, "staff", { email: me.email, password: STAFF_PASSWORD }, null);
    await signIn(deps, meta, "staff", { email: me.email, password: STAFF_PASSWORD }, null);
    expect(await endOtherOwnSessions(deps, me.actor, meta)).toEqual({ sessionsRevoked: 2 });
    expect((await listOwnSessions(deps, me.actor)).map((s) => s.id)).toEqual([me.sessionId]);
  });
});
