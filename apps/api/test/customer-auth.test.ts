import { createHash } from "node:crypto";
import { processPasswordResetRequests, processSignUpRequests } from "@trustdesk/services";
import { latestSignUpToken } from "@trustdesk/services/testing";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient, type TrpcReply } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Everything a caller sees of an answer except the request id, which differs per request by design. */
function comparable(reply: TrpcReply) {
  const { requestId: _id, ...data } = reply.error?.data ?? ({} as Record<string, unknown>);
  return { status: reply.status, message: reply.error?.message, data, result: reply.data };
}

async function mailsTo(email: string, template: string) {
  return server.deps.db
    .selectFrom("mail_outbox")
    .select(["text_body", "subject"])
    .where("to_address", "=", email)
    .where("template", "=", template)
    .execute();
}

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
  const reply = await signUpThroughMail(server, client, input);
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

  it("answers a sign-up for an existing address exactly like a new one, and tells the owner by mail", async () => {
    const { input, accountId } = await newCustomer();
    const fresh = { ...input, email: `brand-new-${n}@example.com`, accountName: "Newcomer" };
    const copycat = { ...input, accountName: "Copycat" };
    const a = new BrowserClient(server.url);
    await a.open();
    const b = new BrowserClient(server.url);
    await b.open();
    const forExisting = await a.mutate("customer.auth.signUp", copycat);
    const forNew = await b.mutate("customer.auth.signUp", fresh);
    expect(comparable(forExisting)).toEqual(comparable(forNew));
    expect(forExisting.data).toEqual({ status: "check_email" });
    // Neither answer signs anyone in.
    expect(a.cookies.has("td_customer_session")).toBe(false);
    expect(b.cookies.has("td_customer_session")).toBe(false);

    await processSignUpRequests(server.deps);
    const warned = await mailsTo(input.email, "sign_up_existing_account");
    expect(warned).toHaveLength(1);
    expect(warned[0]?.subject).toBe("Someone tried to sign up with your address");
    expect(warned[0]?.text_body).toContain("/forgot-password");
    expect(await mailsTo(input.email, "sign_up_confirm")).toHaveLength(1); // only from the first sign-up
    expect(await mailsTo(fresh.email, "sign_up_confirm")).toHaveLength(1);
    // The existing account is untouched; the copycat's request (and its password hash) is gone.
    const owners = await server.deps.db
      .selectFrom("customer_users")
      .select("account_id")
      .where("email", "=", input.email)
      .execute();
    expect(owners).toEqual([{ account_id: accountId }]);
    const pending = await server.deps.db
      .selectFrom("signup_requests")
      .select("id")
      .where("email", "=", input.email)
      .execute();
    expect(pending).toHaveLength(0);
  });

  it("makes no account until the link is opened; the link works once", async () => {
    n += 1;
    const input = {
      email: `link-once-${n}@example.com`,
      password: "a-long-enough-password",
      name: "Link Once",
      accountName: "Once Ltd",
    };
    const client = new BrowserClient(server.url);
    await client.open();
    await client.mutate("customer.auth.signUp", input);
    await processSignUpRequests(server.deps);
    const users = () =>
      server.deps.db.selectFrom("customer_users").select("id").where("email", "=", input.email).execute();
    expect(await users()).toHaveLength(0);
    const token = await latestSignUpToken(server.deps, input.email);
    const first = await client.mutate<{ user: { email: string } }>("customer.auth.confirmSignUp", { token });
    expect(first.data?.user.email).toBe(input.email);
    expect(client.cookies.has("td_customer_session")).toBe(true);
    const other = new BrowserClient(server.url);
    await other.open();
    const reused = await other.mutate("customer.auth.confirmSignUp", { token });
    expect(reused.status).toBe(412);
    expect(reused.error?.message).toContain("expired or was already used");
    expect(await users()).toHaveLength(1);
  });

  it("refuses an expired sign-up link", async () => {
    n += 1;
    const email = `expired-link-${n}@example.com`;
    const client = new BrowserClient(server.url);
    await client.open();
    await client.mutate("customer.auth.signUp", {
      email,
      password: "a-long-enough-password",
      name: "Late",
      accountName: "Late Ltd",
    });
    await processSignUpRequests(server.deps);
    const token = await latestSignUpToken(server.deps, email);
    server.advanceClock(25 * 3_600_000);
    const late = await client.mutate("customer.auth.confirmSignUp", { token });
    expect(late.status).toBe(412);
  });

  it("two links for one address opened at once make exactly one account", async () => {
    n += 1;
    const input = {
      email: `twice-${n}@example.com`,
      password: "a-long-enough-password",
      name: "Twice",
      accountName: `Twice Ltd ${n}`,
    };
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      const client = new BrowserClient(server.url);
      await client.open();
      await client.mutate("customer.auth.signUp", input);
      await processSignUpRequests(server.deps);
      tokens.push(await latestSignUpToken(server.deps, input.email));
    }
    expect(new Set(tokens).size).toBe(2);
    const clients = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const c = new BrowserClient(server.url);
        await c.open();
        return c;
      }),
    );
    const replies = await Promise.all(
      clients.map((c, i) => c.mutate("customer.auth.confirmSignUp", { token: tokens[i % 2] })),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.every((r) => [200, 409, 412].includes(r.status))).toBe(true);
    const owners = await server.deps.db
      .selectFrom("customer_users")
      .select("account_id")
      .where("email", "=", input.email)
      .execute();
    expect(owners).toHaveLength(1);
    const accounts = await server.deps.db
      .selectFrom("accounts")
      .select("id")
      .where("name", "=", input.accountName)
      .execute();
    expect(accounts).toHaveLength(1);
  });

  it("answers an unknown email, a wrong password and a paused user (wrong or right password) identically", async () => {
    const { input } = await newCustomer();
    const attempt = async (email: string, password: string) => {
      const client = new BrowserClient(server.url);
      await client.open();
      const reply = await client.mutate("customer.auth.signIn", { email, password });
      expect(client.cookies.has("td_customer_session")).toBe(false);
      return reply;
    };
    const unknown = await attempt(`nobody-${n}@example.com`, "not-the-password");
    const wrong = await attempt(input.email, "not-the-password");
    expect(wrong.status).toBe(401);
    expect(comparable(wrong)).toEqual(comparable(unknown));
    for (let i = 0; i < 4; i++) await attempt(input.email, `wrong-${i}`);
    const pausedWrong = await attempt(input.email, "still-wrong");
    const pausedRight = await attempt(input.email, input.password);
    const unknownAgain = await attempt(`nobody-else-${n}@example.com`, input.password);
    expect(comparable(pausedWrong)).toEqual(comparable(unknown));
    expect(comparable(pausedRight)).toEqual(comparable(unknown));
    expect(comparable(unknownAgain)).toEqual(comparable(unknown));
    expect(unknown.error?.message).toContain("sign-in is paused after too many attempts");
    expect(unknown.error?.data.retryAfterSeconds).toBeNull();
  });

  it("pauses sign-in after repeated failures, mails the owner once per pause, and lets them in after it", async () => {
    const { input } = await newCustomer();
    const client = new BrowserClient(server.url);
    await client.open();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await client.mutate("customer.auth.signIn", { email: input.email, password: `wrong-${i}` })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect((await client.mutate("customer.auth.signIn", input)).status).toBe(401);
    const locked = await mailsTo(input.email, "sign_in_locked");
    expect(locked).toHaveLength(1);
    expect(locked[0]?.text_body).toContain("reset your password");
    expect(locked[0]?.text_body).toContain("If this wasn't you");
    const user = await server.deps.db
      .selectFrom("customer_users")
      .select(["id", "failed_sign_ins", "locked_until"])
      .where("email", "=", input.email)
      .executeTakeFirstOrThrow();
    // Attempts while paused neither count nor extend the pause.
    expect(user.failed_sign_ins).toBe(5);
    const events = await server.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", user.id)
      .where("action", "in", ["auth.locked_out", "auth.sign_in_refused", "auth.sign_in_failed"])
      .execute();
    expect(events.filter((e) => e.action === "auth.locked_out")).toHaveLength(1);
    expect(events.filter((e) => e.action === "auth.sign_in_refused")).toHaveLength(3);

    server.advanceClock(16 * 60_000);
    // One more failure after the pause ran out is a new, longer pause — told again, once.
    await client.mutate("customer.auth.signIn", { email: input.email, password: "wrong-again" });
    expect(await mailsTo(input.email, "sign_in_locked")).toHaveLength(2);
    server.advanceClock(31 * 60_000);
    const after = await client.mutate("customer.auth.signIn", input);
    expect(after.data).toEqual({ status: "signed_in" });
  });

  it("writes one lockout mail when the failures that cross the threshold arrive at once", async () => {
    const { input } = await newCustomer();
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const c = new BrowserClient(server.url);
        await c.open();
        return c;
      }),
    );
    const replies = await Promise.all(
      clients.map((c, i) => c.mutate("customer.auth.signIn", { email: input.email, password: `wrong-${i}` })),
    );
    expect(replies.every((r) => r.status === 401)).toBe(true);
    expect(await mailsTo(input.email, "sign_in_locked")).toHaveLength(1);
    const user = await server.deps.db
      .selectFrom("customer_users")
      .select(["failed_sign_ins"])
      .where("email", "=", input.email)
      .executeTakeFirstOrThrow();
    expect(user.failed_sign_ins).toBe(5);
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
    await processPasswordResetRequests(server.deps);
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

  it("answers an unknown address exactly like a known one, and mails only the known one, off the response path", async () => {
    const { input } = await newCustomer();
    const a = new BrowserClient(server.url);
    await a.open();
    const b = new BrowserClient(server.url);
    await b.open();
    const known = await a.mutate("customer.auth.requestPasswordReset", { email: input.email });
    const unknown = await b.mutate("customer.auth.requestPasswordReset", { email: "ghost@example.com" });
    expect(comparable(known)).toEqual(comparable(unknown));
    expect(known.data).toEqual({ ok: true });
    // The answer came before any look-up: nothing is mailed until the pass runs.
    expect(await mailsTo(input.email, "password_reset")).toHaveLength(0);
    expect(await processPasswordResetRequests(server.deps)).toBeGreaterThanOrEqual(2);
    expect(await mailsTo(input.email, "password_reset")).toHaveLength(1);
    const ghost = await server.deps.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", "ghost@example.com")
      .execute();
    expect(ghost).toHaveLength(0);
    // Unknown addresses are not kept.
    const queued = await server.deps.db.selectFrom("password_reset_requests").select("id").execute();
    expect(queued).toHaveLength(0);
  });

  it("a successful reset ends a sign-in pause at once, and is audited", async () => {
    const { input } = await newCustomer();
    const client = new BrowserClient(server.url);
    await client.open();
    for (let i = 0; i < 5; i++)
      await client.mutate("customer.auth.signIn", { email: input.email, password: `wrong-${i}` });
    expect((await client.mutate("customer.auth.signIn", input)).status).toBe(401);
    const { client: resetter, token } = await resetLinkFor(input.email);
    expect(
      (await resetter.mutate("customer.auth.resetPassword", { token, newPassword: "a-fresh-new-password" }))
        .data,
    ).toEqual({ ok: true });
    const user = await server.deps.db
      .selectFrom("customer_users")
      .select(["id", "failed_sign_ins", "locked_until"])
      .where("email", "=", input.email)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ failed_sign_ins: 0, locked_until: null });
    const audit = await server.deps.db
      .selectFrom("audit_events")
      .select(["before", "after"])
      .where("action", "=", "auth.password_reset")
      .where("subject_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ failedSignIns: 5 });
    expect(audit.after).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    const signedIn = await client.mutate("customer.auth.signIn", {
      email: input.email,
      password: "a-fresh-new-password",
    });
    expect(signedIn.data).toEqual({ status: "signed_in" });
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
    // One instant for the enrolment code and its replay below, so a 30-second step boundary between
    // them cannot turn the replay into the next step's (valid) code.
    const enrolledAt = Math.floor(Date.now() / 1000);
    const confirm = await client.mutate<{ recoveryCodes: string[] }>("customer.auth.confirmTotpEnrolment", {
      code: await generate({ secret, epoch: enrolledAt }),
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
      code: await generate({ secret, epoch: enrolledAt }),
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
