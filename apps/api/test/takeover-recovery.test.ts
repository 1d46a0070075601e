import { createHash } from "node:crypto";
import {
  approveEnforcementLift,
  DEMO_PASSWORD,
  liftEnforcement,
  reportCompromise,
  seedDemoData,
} from "@trustdesk/services";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/**
 * Account-takeover recovery over HTTP, as the thief and as the owner: while an account is suspended
 * for takeover the password (even with TOTP) opens nothing; a one-time code mailed to the owner's
 * pre-compromise address opens a recovery session limited to the checklist.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(server.deps);
});
afterAll(async () => {
  await server.close();
});

const SESSION_COOKIE = "td_customer_session";
const db = () => server.deps.db;

async function staff(email: string) {
  const row = await db()
    .selectFrom("staff_users")
    .select(["id", "role"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return { type: "staff" as const, staffId: row.id, role: row.role };
}

let n = 0;
/** A fresh account whose owner has the demo password, one API key, and (optionally) an admin. */
async function makeAccount(withAdmin = false) {
  n += 1;
  const demo = await db()
    .selectFrom("customer_users")
    .select("password_hash")
    .where("email", "=", "owner@acme.test")
    .executeTakeFirstOrThrow();
  const account = await db()
    .insertInto("accounts")
    .values({ name: `Recovery Co ${n}`, website: null, country: null, signup_ip: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const user = (email: string, role: "owner" | "admin") =>
    db()
      .insertInto("customer_users")
      .values({
        account_id: account.id,
        email,
        name: role === "owner" ? `Owner ${n}` : `Admin ${n}`,
        role,
        password_hash: demo.password_hash,
        totp_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        last_sign_in_at: null,
      })
      .returning(["id", "email"])
      .executeTakeFirstOrThrow();
  const owner = await user(`owner${n}@recovery${n}.test`, "owner");
  const admin = withAdmin ? await user(`admin${n}@recovery${n}.test`, "admin") : null;
  return { accountId: account.id, owner, admin };
}

async function suspend(accountId: string, reportId = `rec-${accountId}`) {
  return reportCompromise(server.deps, await staff("fraud@trustdesk.test"), null, {
    reportId,
    accountId,
    summary: "Impossible travel, then sender settings changed",
    signals: ["impossible travel"],
  });
}

async function mailsTo(address: string, template?: string) {
  let q = db()
    .selectFrom("mail_outbox")
    .select(["template", "text_body", "subject"])
    .where("to_address", "=", address)
    .orderBy("created_at", "desc");
  if (template) q = q.where("template", "=", template);
  return q.execute();
}

async function latestCode(address: string): Promise<string> {
  const [mail] = await mailsTo(address, "ato_recovery_code");
  const match = mail?.text_body.match(/\b(\d{4}) (\d{4})\b/);
  if (!match) throw new Error(`no recovery code mailed to ${address}`);
  return `${match[1]}${match[2]}`;
}

async function client() {
  const c = new BrowserClient(server.url);
  await c.open();
  return c;
}

describe("a password never opens a suspended account", () => {
  it("answers the demo takeover's password with recovery, sets no session and mails the code", async () => {
    const thief = await client();
    const reply = await thief.mutate<{ status: string; codeSentTo: string | null }>("customer.auth.signIn", {
      email: "owner@northwind.test",
      password: DEMO_PASSWORD,
    });
    expect(reply.status).toBe(200);
    expect(reply.data).toEqual({ status: "takeover_recovery", codeSentTo: "o•••@northwind.test" });
    expect(thief.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await thief.query("customer.account.overview")).status).toBe(401);
    expect((await thief.mutate("customer.apiKeys.create", { name: "thief key" })).status).toBe(401);
    expect(await latestCode("owner@northwind.test")).toMatch(/^\d{8}$/);
  });

  it("ends sessions opened before the report and refuses a full session that raced it", async () => {
    const { accountId, owner } = await makeAccount();
    const before = await client();
    const signedIn = await before.mutate<{ status: string }>("customer.auth.signIn", {
      email: owner.email,
      password: DEMO_PASSWORD,
    });
    expect(signedIn.data?.status).toBe("signed_in");
    expect((await before.query("customer.account.overview")).status).toBe(200);
    await suspend(accountId);
    expect((await before.query("customer.account.overview")).status).toBe(401);

    // A full session written after the suspension (a sign-in that passed its check just before the
    // report committed) is refused on its first use and revoked.
    const raced = await client();
    await raced.mutate("customer.auth.signIn", { email: owner.email, password: DEMO_PASSWORD });
    const token = "raced-session-token-0123456789abcdefghijklmnopq";
    const row = await db()
      .insertInto("sessions")
      .values({
        token_hash: createHash("sha256").update(token).digest(),
        realm: "customer",
        customer_user_id: owner.id,
        staff_user_id: null,
        stage: "full",
        expires_at: new Date(Date.now() + 3_600_000),
        ip: null,
        user_agent: null,
        revoked_at: null,
        revoked_reason: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    raced.cookies.set(SESSION_COOKIE, token);
    const refused = await raced.query("customer.account.overview");
    expect(refused.status).toBe(401);
    expect(refused.error?.message).toMatch(/suspended after a suspected takeover/);
    const revoked = await db()
      .selectFrom("sessions")
      .select("revoked_reason")
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(revoked.revoked_reason).toBe("account_takeover");
  });

  it("diverts a password + TOTP sign-in too: the thief may have enrolled their own authenticator", async () => {
    const { accountId, owner } = await makeAccount();
    const c = await client();
    await c.mutate("customer.auth.signIn", { email: owner.email, password: DEMO_PASSWORD });
    const enrol = await c.mutate<{ secret: string }>("customer.auth.beginTotpEnrolment");
    const secret = enrol.data?.secret as string;
    expect(
      (await c.mutate("customer.auth.confirmTotpEnrolment", { code: await generate({ secret }) })).status,
    ).toBe(200);
    await suspend(accountId);
    const thief = await client();
    const first = await thief.mutate<{ status: string }>("customer.auth.signIn", {
      email: owner.email,
      password: DEMO_PASSWORD,
    });
    expect(first.data?.status).toBe("takeover_recovery");
    expect(thief.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("tells another user of the account that the owner recovers it, and mails them nothing", async () => {
    const { accountId, admin } = await makeAccount(true);
    await suspend(accountId);
    const c = await client();
    const reply = await c.mutate<{ status: string; codeSentTo: string | null }>("customer.auth.signIn", {
      email: admin?.email,
      password: DEMO_PASSWORD,
    });
    expect(reply.data).toEqual({ status: "takeover_recovery", codeSentTo: null });
    expect(await mailsTo(admin?.email as string, "ato_recovery_code")).toHaveLength(0);
  });
});

describe("recovery without the password ('My account was taken over')", () => {
  it("answers every address identically; a healthy owner is told, an unknown address gets nothing", async () => {
    const { owner: healthy } = await makeAccount();
    const answers = [];
    for (const email of [healthy.email, "nobody-here@unknown-recovery.test", "owner@northwind.test"]) {
      const c = await client();
      const reply = await c.mutate("customer.auth.requestTakeoverRecovery", { email });
      answers.push({ status: reply.status, data: reply.data, cookie: c.cookies.has(SESSION_COOKIE) });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 200, data: { ok: true }, cookie: false });
    await expect.poll(async () => (await mailsTo(healthy.email, "ato_recovery_not_needed")).length).toBe(1);
    expect(await mailsTo("nobody-here@unknown-recovery.test")).toHaveLength(0);
  });

  it("sends the code to the address on file before the compromise, not the one the thief set", async () => {
    const { accountId, owner } = await makeAccount();
    const original = owner.email;
    // The thief changes the address, then the compromise is reported.
    await db()
      .updateTable("customer_users")
      .set({ email: `thief${n}@evil.test` })
      .where("id", "=", owner.id)
      .execute();
    await suspend(accountId);
    const c = await client();
    await c.mutate("customer.auth.requestTakeoverRecovery", { email: original });
    await expect.poll(async () => (await mailsTo(original, "ato_recovery_code")).length).toBe(1);
    expect(await mailsTo(`thief${n}@evil.test`, "ato_recovery_code")).toHaveLength(0);
    // The thief's address asks in vain: the code never goes there.
    await c.mutate("customer.auth.requestTakeoverRecovery", { email: `thief${n}@evil.test` });
    await new Promise((r) => setTimeout(r, 300));
    expect(await mailsTo(`thief${n}@evil.test`, "ato_recovery_code")).toHaveLength(0);
    // …and is not told the account is fine either.
    expect(await mailsTo(`thief${n}@evil.test`, "ato_recovery_not_needed")).toHaveLength(0);
  });

  it("limits requests per address and spends a code after five wrong tries", async () => {
    const { accountId, owner } = await makeAccount();
    await suspend(accountId);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      const c = await client();
      statuses.push((await c.mutate("customer.auth.requestTakeoverRecovery", { email: owner.email })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    await expect.poll(async () => (await mailsTo(owner.email, "ato_recovery_code")).length).toBe(3);
    const code = await latestCode(owner.email);
    const wrong = code === "00000000" ? "11111111" : "00000000";
    const c = await client();
    for (let i = 0; i < 5; i += 1) {
      const r = await c.mutate("customer.auth.verifyTakeoverRecovery", { email: owner.email, code: wrong });
      expect(r.status).toBe(401);
    }
    const spent = await c.mutate("customer.auth.verifyTakeoverRecovery", { email: owner.email, code });
    expect(spent.status).toBe(401);
    expect(spent.error?.message).toMatch(/not valid or has expired/);
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
    // Codes are stored as HMACs only.
    const rows = await db()
      .selectFrom("takeover_recovery_challenges")
      .select("code_hash")
      .where("customer_user_id", "=", owner.id)
      .execute();
    for (const r of rows) expect(r.code_hash.toString("utf8")).not.toContain(code);
  });

  it("opens exactly one recovery session when the right code is presented many times at once", async () => {
    const { accountId, owner } = await makeAccount();
    await suspend(accountId);
    await (await client()).mutate("customer.auth.requestTakeoverRecovery", { email: owner.email });
    await expect.poll(async () => (await mailsTo(owner.email, "ato_recovery_code")).length).toBe(1);
    const code = await latestCode(owner.email);
    const clients = await Promise.all(Array.from({ length: 8 }, () => client()));
    const replies = await Promise.all(
      clients.map((c) => c.mutate("customer.auth.verifyTakeoverRecovery", { email: owner.email, code })),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 401)).toHaveLength(7);
    const sessions = await db()
      .selectFrom("sessions")
      .select("id")
      .where("customer_user_id", "=", owner.id)
      .where("stage", "=", "recovery")
      .execute();
    expect(sessions).toHaveLength(1);
  });
});

describe("the recovery session, end to end", () => {
  it("does the checklist, can do nothing else, and the lift restores a normal sign-in", async () => {
    const { accountId, owner } = await makeAccount();
    const oldKey = await db()
      .selectFrom("api_keys")
      .select("id")
      .where("account_id", "=", accountId)
      .execute();
    const { enforcementId } = await suspend(accountId);

    const thief = await client();
    const diverted = await thief.mutate<{ status: string }>("customer.auth.signIn", {
      email: owner.email,
      password: DEMO_PASSWORD,
    });
    expect(diverted.data?.status).toBe("takeover_recovery");

    const c = await client();
    const opened = await c.mutate<{ status: string }>("customer.auth.verifyTakeoverRecovery", {
      email: owner.email,
      code: await latestCode(owner.email),
    });
    expect(opened.data).toEqual({ status: "recovery" });
    const session = await c.query<{ stage: string }>("customer.auth.session");
    expect(session.data?.stage).toBe("recovery");

    // What the checklist needs is open…
    const overview = await c.query<{
      restrictions: { reason: string; caseNumber: string; hotlineNumber: string }[];
    }>("customer.account.overview");
    expect(overview.data?.restrictions[0]).toMatchObject({ reason: "account_takeover" });
    expect(overview.data?.restrictions[0]?.hotlineNumber).toBe(server.deps.config.hotlineNumber);
    // …everything else explains itself.
    const change = await c.mutate("customer.auth.changePassword", {
      currentPassword: DEMO_PASSWORD,
      newPassword: "a-brand-new-passphrase-1",
    });
    expect(change.status).toBe(403);
    expect(change.error?.message).toMatch(/recovery sign-in can only/);
    const other = await c.mutate("customer.tickets.open", {
      category: "other",
      subject: "Something else",
      body: "An unrelated question",
    });
    expect(other.status).toBe(403);
    const ato = await c.mutate<{ id: string }>("customer.tickets.open", {
      category: "account_takeover",
      subject: "I got my account back",
      body: "Please review my account.",
      form: {},
    });
    expect(ato.status).toBe(200);

    // 1. password without the old one (and not the old one)
    expect((await c.mutate("customer.auth.setRecoveryPassword", { newPassword: DEMO_PASSWORD })).status).toBe(
      400,
    );
    expect(
      (await c.mutate("customer.auth.setRecoveryPassword", { newPassword: "recovered-and-long-enough" }))
        .status,
    ).toBe(200);
    // 2. a fresh second factor
    const enrol = await c.mutate<{ secret: string }>("customer.auth.beginTotpEnrolment");
    expect(enrol.status).toBe(200);
    const secret = enrol.data?.secret as string;
    expect(
      (await c.mutate("customer.auth.confirmTotpEnrolment", { code: await generate({ secret }) })).status,
    ).toBe(200);
    // 3. keys: the old one revoked, a new one made (held back until the lift)
    for (const k of oldKey)
      expect((await c.mutate("customer.apiKeys.revoke", { keyId: k.id })).status).toBe(200);
    const made = await c.mutate<{ id: string; usableAfterLift: boolean }>("customer.apiKeys.create", {
      name: "Replacement sender",
    });
    expect(made.data?.usableAfterLift).toBe(true);
    const keys = await c.query<{ name: string; state: string }[]>("customer.apiKeys.list");
    expect(keys.data?.find((k) => k.name === "Replacement sender")?.state).toBe("disabled");
    // 4. sessions reviewed
    const sessions = await c.query<{ current: boolean; stage: string }[]>("customer.sessions.list");
    expect(sessions.data?.filter((s) => s.current)).toEqual([expect.objectContaining({ stage: "recovery" })]);

    // The lift review names the key made during the suspension; a lead approves.
    const agent = await staff("agent@trustdesk.test");
    const requested = await liftEnforcement(server.deps, agent, null, {
      enforcementId,
      note: "checklist done",
    });
    expect(requested.status).toBe("awaiting_approval");
    const keysLine =
      requested.status === "awaiting_approval"
        ? requested.assessment.requirements.find((r) => r.code === "ato.api_keys_revoked")?.agentText
        : "";
    expect(keysLine).toContain('"Replacement sender" (SG.');
    const lifted = await approveEnforcementLift(
      server.deps,
      await staff("lead@trustdesk.test"),
      null,
      enforcementId,
    );
    expect(lifted.status).toBe("lifted");

    // The recovery session is over; the new key works; the owner signs in normally (with the new 2FA).
    expect((await c.query("customer.account.overview")).status).toBe(401);
    const replacement = await db()
      .selectFrom("api_keys")
      .select(["disabled_at", "revoked_at"])
      .where("id", "=", made.data?.id as string)
      .executeTakeFirstOrThrow();
    expect(replacement).toEqual({ disabled_at: null, revoked_at: null });
    const back = await client();
    const pw = await back.mutate<{ status: string }>("customer.auth.signIn", {
      email: owner.email,
      password: "recovered-and-long-enough",
    });
    expect(pw.data?.status).toBe("second_factor_required");
    // The enrolment used this 30-second step's code; a code works once, so take the next step's
    // (accepted for clock drift) instead of waiting for it.
    const full = await back.mutate<{ status: string }>("customer.auth.verifySecondFactor", {
      code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }),
    });
    expect(full.data?.status).toBe("signed_in");
    const standing = await back.query<{ account: { state: string } }>("customer.account.overview");
    expect(standing.data?.account.state).toBe("active");
  });
});
