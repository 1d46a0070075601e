import { createHash } from "node:crypto";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

let n = 0;
async function newCustomer(overrides: Partial<{ email: string; password: string }> = {}) {
  n += 1;
  const input = {
    email: overrides.email ?? `customer${n}@example.com`,
    password: overrides.password ?? "a-long-enough-password",
    name: `Customer ${n}`,
    accountName: `Account ${n}`,
  };
  const client = new BrowserClient(server.url);
  await client.open();
  const reply = await client.mutate<{ account: { id: string } }>("customer.auth.signUp", input);
  expect(reply.status).toBe(200);
  return { client, input, accountId: reply.data?.account.id as string };
}

describe("customer sign-up, sign-in, sign-out", () => {
  it("signs up into a full session, signs out, and signs in again", async () => {
    const { client, input } = await newCustomer();
    const session = await client.query<{
      user: { email: string };
      account: { state: string };
      stage: string;
    }>("customer.auth.session");
    expect(session.data).toMatchObject({
      user: { email: input.email },
      account: { state: "active" },
      stage: "full",
    });
    const events = await server.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "account.signed_up")
      .execute();
    expect(events.length).toBeGreaterThan(0);

    expect((await client.mutate("customer.auth.signOut")).status).toBe(200);
    expect((await client.query("customer.auth.session")).data).toBeNull();
    expect((await client.query("customer.account.overview")).status).toBe(401);

    const signIn = await client.mutate("customer.auth.signIn", {
      email: input.email.toUpperCase(),
      password: input.password,
    });
    expect(signIn.data).toEqual({ status: "signed_in" });
    expect((await client.query("customer.account.overview")).status).toBe(200);
  });

  it("refuses a second sign-up with the same email with a clear conflict", async () => {
    const { input } = await newCustomer();
    const other = new BrowserClient(server.url);
    await other.open();
    const reply = await other.mutate("customer.auth.signUp", { ...input, accountName: "Copycat" });
    expect(reply.status).toBe(409);
    expect(reply.error?.data.fieldErrors).toEqual({ email: "This email already has an account" });
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const { input } = await newCustomer();
    const client = new BrowserClient(server.url);
    await client.open();
    const wrong = await client.mutate("customer.auth.signIn", {
      email: input.email,
      password: "not-the-password",
    });
    const unknown = await client.mutate("customer.auth.signIn", {
      email: "nobody@example.com",
      password: "not-the-password",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.error?.message).toBe(unknown.error?.message);
    expect(client.cookies.has("td_customer_session")).toBe(false);
  });

  it("locks the user after repeated failures, refuses even the right password while locked, and unlocks later", async () => {
    const { input } = await newCustomer();
    const client = new BrowserClient(server.url);
    await client.open();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await client.mutate("customer.auth.signIn", { email: input.email, password: `wrong-${i}` })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await client.mutate("customer.auth.signIn", input);
    expect(locked.status).toBe(429);
    expect(locked.error?.data.domainCode).toBe("ACCOUNT_LOCKED");
    expect(locked.error?.data.retryAfterSeconds).toBeGreaterThan(0);
    server.advanceClock(16 * 60_000);
    const after = await client.mutate("customer.auth.signIn", {
      email: input.email,
      password: input.password,
    });
    expect(after.data).toEqual({ status: "signed_in" });
  });

  it("rotates the session token at sign-in (no fixation): the old token is dead", async () => {
    const { client, input } = await newCustomer();
    const before = client.cookies.get("td_customer_session");
    await client.mutate("customer.auth.signIn", input);
    const after = client.cookies.get("td_customer_session");
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    const stale = new BrowserClient(server.url);
    stale.cookies.set("td_customer_session", before as string);
    expect((await stale.query("customer.auth.session")).data).toBeNull();
  });

  it("stores only hashes of session tokens", async () => {
    const { client } = await newCustomer();
    const token = client.cookies.get("td_customer_session") as string;
    const rows = await server.deps.db.selectFrom("sessions").select("token_hash").execute();
    expect(rows.some((r) => r.token_hash.equals(createHash("sha256").update(token).digest()))).toBe(true);
    expect(rows.some((r) => r.token_hash.toString("utf8").includes(token))).toBe(false);
  });
});

describe("tenancy and realms", () => {
  it("never shows customer A a ticket of customer B: it is simply not found", async () => {
    const a = await newCustomer();
    const b = await newCustomer();
    const ticket = await server.deps.db
      .insertInto("tickets")
      .values({
        account_id: b.accountId,
        category: "other",
        subject: "B's private ticket",
        form: "{}",
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    const own = await b.client.query("customer.tickets.get", { ticketId: ticket.id });
    expect(own.status).toBe(200);
    const probe = await a.client.query("customer.tickets.get", { ticketId: ticket.id });
    expect(probe.status).toBe(404);
    const nonexistent = await a.client.query("customer.tickets.get", {
      ticketId: "00000000-0000-4000-8000-000000000000",
    });
    expect(probe.error?.message).toBe(nonexistent.error?.message);
    const list = await a.client.query<unknown[]>("customer.tickets.list");
    expect(list.data).toEqual([]);
  });

  it("refuses a customer calling a staff procedure with 403", async () => {
    const { client } = await newCustomer();
    const reply = await client.query("staff.queue.list");
    expect(reply.status).toBe(403);
    expect(
      (await client.query("staff.accounts.get", { accountId: "00000000-0000-4000-8000-000000000000" }))
        .status,
    ).toBe(403);
  });

  it("does not accept a customer session token in the staff cookie", async () => {
    const { client } = await newCustomer();
    const token = client.cookies.get("td_customer_session") as string;
    const confused = new BrowserClient(server.url);
    confused.cookies.set("td_staff_session", token);
    expect((await confused.query("staff.auth.session")).data).toBeNull();
    expect((await confused.query("staff.queue.list")).status).toBe(401);
  });
});

describe("password reset", () => {
  async function resetLinkFor(email: string) {
    const client = new BrowserClient(server.url);
    await client.open();
    expect((await client.mutate("customer.auth.requestPasswordReset", { email })).data).toEqual({ ok: true });
    const mail = await server.deps.db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", email)
      .where("template", "=", "password_reset")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
    expect(token).toBeDefined();
    return { client, token: token as string };
  }

  it("resets with the emailed token once, signs out every session, and refuses the token again", async () => {
    const { client: owner, input } = await newCustomer();
    const { client, token } = await resetLinkFor(input.email);
    const ok = await client.mutate("customer.auth.resetPassword", {
      token,
      newPassword: "a-brand-new-password",
    });
    expect(ok.data).toEqual({ ok: true });
    expect((await owner.query("customer.auth.session")).data).toBeNull();
    const reused = await client.mutate("customer.auth.resetPassword", {
      token,
      newPassword: "another-new-password",
    });
    expect(reused.status).toBe(412);
    expect(reused.error?.message).toContain("expired or was already used");
    expect(
      (await client.mutate("customer.auth.signIn", { email: input.email, password: "a-brand-new-password" }))
        .data,
    ).toEqual({
      status: "signed_in",
    });
  });

  it("refuses an expired token", async () => {
    const { input } = await newCustomer();
    const { client, token } = await resetLinkFor(input.email);
    server.advanceClock(31 * 60_000);
    const reply = await client.mutate("customer.auth.resetPassword", {
      token,
      newPassword: "a-brand-new-password",
    });
    expect(reply.status).toBe(412);
  });

  it("answers the same for an unknown address and writes no mail", async () => {
    const client = new BrowserClient(server.url);
    await client.open();
    expect(
      (await client.mutate("customer.auth.requestPasswordReset", { email: "ghost@example.com" })).data,
    ).toEqual({ ok: true });
    const mails = await server.deps.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", "ghost@example.com")
      .execute();
    expect(mails).toHaveLength(0);
  });
});

describe("changing the password and two-factor authentication", () => {
  it("needs the current password and keeps only the caller's session", async () => {
    const { client, input } = await newCustomer();
    const other = new BrowserClient(server.url);
    await other.open();
    await other.mutate("customer.auth.signIn", input);
    const wrong = await client.mutate("customer.auth.changePassword", {
      currentPassword: "nope",
      newPassword: "a-changed-password",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.error?.data.fieldErrors).toEqual({ currentPassword: "Not your current password" });
    const ok = await client.mutate("customer.auth.changePassword", {
      currentPassword: input.password,
      newPassword: "a-changed-password",
    });
    expect(ok.data).toEqual({ ok: true });
    expect((await client.query("customer.auth.session")).data).not.toBeNull();
    expect((await other.query("customer.auth.session")).data).toBeNull();
  });

  it("enrols TOTP, then asks for a code at sign-in, refuses a replayed code and accepts a recovery code once", async () => {
    const { client, input } = await newCustomer();
    const begin = await client.mutate<{ secret: string; otpauthUri: string; qrSvg: string }>(
      "customer.auth.beginTotpEnrolment",
    );
    expect(begin.data?.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(begin.data?.qrSvg).toContain("<svg");
    const secret = begin.data?.secret as string;
    const bad = await client.mutate("customer.auth.confirmTotpEnrolment", { code: "000000" });
    expect(bad.status).toBe(400);
    const confirm = await client.mutate<{ recoveryCodes: string[] }>("customer.auth.confirmTotpEnrolment", {
      code: await generate({ secret }),
    });
    expect(confirm.data?.recoveryCodes).toHaveLength(10);
    const stored = await server.deps.db
      .selectFrom("customer_users")
      .select("totp_secret_enc")
      .where("email", "=", input.email)
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret_enc).not.toContain(secret);

    const fresh = new BrowserClient(server.url);
    await fresh.open();
    expect((await fresh.mutate("customer.auth.signIn", input)).data).toEqual({
      status: "second_factor_required",
    });
    expect((await fresh.query("customer.account.overview")).status).toBe(401);
    // The code used at enrolment is spent: the same 30-second code cannot be replayed.
    const replay = await fresh.mutate("customer.auth.verifySecondFactor", {
      code: await generate({ secret }),
    });
    expect(replay.status).toBe(401);
    const recovery = confirm.data?.recoveryCodes[0] as string;
    const viaRecovery = await fresh.mutate("customer.auth.verifySecondFactor", { recoveryCode: recovery });
    expect(viaRecovery.error).toBeUndefined();
    expect(viaRecovery.data).toEqual({ status: "signed_in" });
    expect((await fresh.query("customer.account.overview")).status).toBe(200);

    const again = new BrowserClient(server.url);
    await again.open();
    await again.mutate("customer.auth.signIn", input);
    expect((await again.mutate("customer.auth.verifySecondFactor", { recoveryCode: recovery })).status).toBe(
      401,
    );
  });
});

describe("the audit trail of a customer's own actions", () => {
  it("files sign-ins and password changes under the customer's account", async () => {
    const { client, input, accountId } = await newCustomer();
    await client.mutate("customer.auth.changePassword", {
      currentPassword: input.password,
      newPassword: "another-long-password",
    });
    const actions = (
      await server.deps.db
        .selectFrom("audit_events")
        .select("action")
        .where("account_id", "=", accountId)
        .orderBy("id")
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["account.signed_up", "auth.signed_in", "auth.password_changed"]),
    );
  });
});
