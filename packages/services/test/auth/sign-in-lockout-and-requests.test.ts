import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  processPasswordResetRequests,
  processSignUpRequests,
  requestPasswordReset,
  requestSignUp,
  SIGN_IN_REFUSED,
  signIn,
} from "../../src/index.ts";
import { hashPassword } from "../../src/security/passwords.ts";
import { makeAccount, testDeps } from "../support/fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

let ipCounter = 0;
const meta = () => ({
  requestId: `req-${++ipCounter}`,
  ip: `203.0.113.${ipCounter % 250}`,
  userAgent: "vitest",
});
const PASSWORD = "the-right-password";

/** A customer whose password is known, on an account from the shared fixture. */
async function customerWithPassword() {
  const { ownerId, ownerEmail } = await makeAccount(database.db);
  await database.db
    .updateTable("customer_users")
    .set({ password_hash: await hashPassword(PASSWORD, true) })
    .where("id", "=", ownerId)
    .execute();
  return { id: ownerId, email: ownerEmail };
}

/** A service clock far from the database's: the lockout must be written and read with this one. */
function skewedClock(skewMs: number) {
  let offset = skewMs;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms: number) => {
      offset += ms;
    },
  };
}

async function failFiveTimes(deps: ReturnType<typeof testDeps>, email: string) {
  for (let i = 0; i < 5; i++) {
    await expect(signIn(deps, meta(), "customer", { email, password: `wrong-${i}` }, null)).rejects.toThrow(
      SIGN_IN_REFUSED,
    );
  }
}

describe("the sign-in lockout runs on the service clock", () => {
  for (const [label, skew] of [
    ["three days ahead of", 3 * 86_400_000],
    ["three days behind", -3 * 86_400_000],
  ] as const) {
    it(`locks for the policy's 15 minutes when the service clock is ${label} the database's`, async () => {
      const owner = await customerWithPassword();
      const clock = skewedClock(skew);
      const deps = testDeps(database.db, clock.now);
      const before = clock.now().getTime();
      await failFiveTimes(deps, owner.email);
      const row = await database.db
        .selectFrom("customer_users")
        .select(["failed_sign_ins", "locked_until"])
        .where("id", "=", owner.id)
        .executeTakeFirstOrThrow();
      expect(row.failed_sign_ins).toBe(5);
      const lockedForMs = (row.locked_until as Date).getTime() - before;
      expect(lockedForMs).toBeGreaterThanOrEqual(15 * 60_000);
      expect(lockedForMs).toBeLessThan(16 * 60_000);
      // Locked now by the same clock: even the right password is refused, with the same answer.
      await expect(
        signIn(deps, meta(), "customer", { email: owner.email, password: PASSWORD }, null),
      ).rejects.toThrow(SIGN_IN_REFUSED);
      clock.advance(16 * 60_000);
      const issued = await signIn(deps, meta(), "customer", { email: owner.email, password: PASSWORD }, null);
      expect(issued.stage).toBe("full");
      const mails = await database.db
        .selectFrom("mail_outbox")
        .select("id")
        .where("to_address", "=", owner.email)
        .where("template", "=", "sign_in_locked")
        .execute();
      expect(mails).toHaveLength(1);
    });
  }
});

describe("the passes that work the sign-up and reset queues", () => {
  it("mail each queued sign-up exactly once when several passes run at once", async () => {
    const deps = testDeps(database.db);
    const existing = await customerWithPassword();
    const emails = Array.from({ length: 12 }, (_, i) => `queued-${i}-${Date.now()}@example.com`);
    for (const email of [...emails, existing.email]) {
      await requestSignUp(deps, meta(), {
        email,
        password: "a-long-enough-password",
        name: "Queued",
        accountName: "Queue Ltd",
      });
    }
    const worked = await Promise.all([1, 2, 3, 4].map(() => processSignUpRequests(deps, 5)));
    expect(worked.reduce((a, b) => a + b, 0)).toBe(13);
    const mails = await database.db
      .selectFrom("mail_outbox")
      .select(["to_address", "template"])
      .where("to_address", "in", [...emails, existing.email])
      .where("template", "in", ["sign_up_confirm", "sign_up_existing_account"])
      .execute();
    expect(mails).toHaveLength(13);
    expect(new Set(mails.map((m) => m.to_address)).size).toBe(13);
    expect(mails.find((m) => m.to_address === existing.email)?.template).toBe("sign_up_existing_account");
    const pending = await database.db
      .selectFrom("signup_requests")
      .select("id")
      .where("processed_at", "is", null)
      .execute();
    expect(pending).toHaveLength(0);
  });

  it("mail each known address's reset link exactly once when several passes run at once, and keep no unknown address", async () => {
    const deps = testDeps(database.db);
    // One at a time: the shared fixture numbers its accounts after an await.
    const known = [await customerWithPassword(), await customerWithPassword(), await customerWithPassword()];
    const unknown = Array.from({ length: 5 }, (_, i) => `nobody-${i}-${Date.now()}@example.com`);
    for (const email of [...known.map((k) => k.email), ...unknown])
      await requestPasswordReset(deps, meta(), email);
    await Promise.all([1, 2, 3].map(() => processPasswordResetRequests(deps, 3)));
    const mails = await database.db
      .selectFrom("mail_outbox")
      .select("to_address")
      .where("template", "=", "password_reset")
      .where("to_address", "in", [...known.map((k) => k.email), ...unknown])
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(known.map((k) => k.email).sort());
    expect(await database.db.selectFrom("password_reset_requests").select("id").execute()).toHaveLength(0);
  });
});
