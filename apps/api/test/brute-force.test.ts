import { AUTH_RATE_LIMITS } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/**
 * Brute force from loopback against two API instances sharing one database (as behind a load
 * balancer): the limits and the lockout are counted in PostgreSQL, so splitting the attempts across
 * instances and firing them at once buys the attacker nothing. Bounded loops; every count is read
 * back from the database.
 */

let one: TestServer;
let two: TestServer;
let address = 1;

/** A fresh browser on one instance or the other, with its own client address (or the one given). */
async function browser(instance: TestServer, ip?: string): Promise<BrowserClient> {
  const client = new BrowserClient(instance.url, ip ?? `203.0.113.${address++ % 250}`);
  await client.open();
  return client;
}

beforeAll(async () => {
  one = await startTestServer();
  two = await startTestServer({ sameDatabaseAs: one });
});
afterAll(async () => {
  await two?.close();
  await one?.close();
});

describe("brute force across two instances", () => {
  it("locks one address after the threshold, once, however the guesses are spread and timed", async () => {
    const owner = await browser(one);
    const email = "target@brute-force.test";
    const password = "the-real-long-password";
    await signUpThroughMail(one, owner, { email, password, name: "Target", accountName: "Brute Force Ltd" });

    const attempts = 24;
    const clients = await Promise.all(
      Array.from({ length: attempts }, (_, i) => browser(i % 2 === 0 ? one : two)),
    );
    const replies = await Promise.all(
      clients.map((c, i) => c.mutate("customer.auth.signIn", { email, password: `guess-${i}` })),
    );
    const statuses = replies.map((r) => r.status);
    const limit = AUTH_RATE_LIMITS.signInPerEmail.limit;
    // Exactly the per-address limit of guesses reached a password check; the rest were turned away.
    expect(statuses.filter((s) => s === 401)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(attempts - limit);
    expect(replies.every((r) => r.data === undefined)).toBe(true);

    const user = await one.deps.db
      .selectFrom("customer_users")
      .select(["failed_sign_ins", "locked_until"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(user.failed_sign_ins).toBe(5);
    expect(user.locked_until).not.toBeNull();
    const lockMails = await one.deps.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", email)
      .where("template", "=", "sign_in_locked")
      .execute();
    expect(lockMails).toHaveLength(1);

    // The right password from a fresh address on the other instance is still refused: the lock and
    // the per-address limit live in the database, not in the instance that counted them.
    const late = await browser(two);
    const right = await late.mutate("customer.auth.signIn", { email, password });
    expect([401, 429]).toContain(right.status);
    expect(late.cookies.has("td_customer_session")).toBe(false);
  });

  it("holds one client IP to its limit, across instances and the addresses it sprays", async () => {
    const ip = "203.0.113.251";
    const attempts = 40;
    const clients = await Promise.all(
      Array.from({ length: attempts }, (_, i) => browser(i % 2 === 0 ? one : two, ip)),
    );
    const replies = await Promise.all(
      clients.map((c, i) =>
        c.mutate("customer.auth.signIn", { email: `nobody-${i}@spray.test`, password: "password-spray-1" }),
      ),
    );
    const limit = AUTH_RATE_LIMITS.signInPerIp.limit;
    expect(replies.filter((r) => r.status === 401)).toHaveLength(limit);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(attempts - limit);
  });

  it("queues at most the per-address number of reset requests, whichever instance takes them", async () => {
    const email = "reset-target@brute-force.test";
    const attempts = 16;
    const clients = await Promise.all(
      Array.from({ length: attempts }, (_, i) => browser(i % 2 === 0 ? one : two)),
    );
    const replies = await Promise.all(
      clients.map((c) => c.mutate("customer.auth.requestPasswordReset", { email })),
    );
    const limit = AUTH_RATE_LIMITS.resetRequestPerEmail.limit;
    expect(replies.filter((r) => r.status === 200)).toHaveLength(limit);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(attempts - limit);
    const queued = await one.deps.db
      .selectFrom("password_reset_requests")
      .select("id")
      .where("email", "=", email)
      .execute();
    expect(queued).toHaveLength(limit);
  });
});
