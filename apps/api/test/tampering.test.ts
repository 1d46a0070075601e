import { processPasswordResetRequests } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/**
 * What someone who controls the request can try besides its body: forged or mangled cookies, a lying
 * Host header to poison the links we mail, and a reset link replayed from several browsers at once.
 */

let server: TestServer;
let owner: BrowserClient;
const email = "tamper-owner@tampering.test";
const password = "the-owner-long-password";

beforeAll(async () => {
  server = await startTestServer();
  owner = new BrowserClient(server.url);
  await owner.open();
  await signUpThroughMail(server, owner, {
    email,
    password,
    name: "Tamper Owner",
    accountName: "Tampering Ltd",
  });
});
afterAll(async () => {
  await server?.close();
});

const SESSION_COOKIE = "td_customer_session";

describe("cookie tampering", () => {
  it("treats a forged, mangled or oversized session cookie as no session: 401, never 500, nothing written", async () => {
    const real = owner.cookies.get(SESSION_COOKIE) as string;
    expect(real).toBeTruthy();
    const flipped = `${real.slice(0, -1)}${real.endsWith("A") ? "B" : "A"}`;
    const sessionsBefore = await server.deps.db.selectFrom("sessions").select("id").execute();
    const forgeries = [
      flipped,
      real.slice(0, 10),
      "x".repeat(4000),
      "%00%ff%fe",
      "ünïcødé",
      `${real};${real}`,
      "",
      "null",
      "../../etc/passwd",
    ];
    for (const forged of forgeries) {
      const res = await fetch(`${server.url}/trpc/customer.account.overview`, {
        headers: { cookie: `${SESSION_COOKIE}=${encodeURIComponent(forged)}` },
      });
      expect(res.status, `cookie ${JSON.stringify(forged.slice(0, 20))}`).toBe(401);
      expect(await res.text()).not.toMatch(/stack|at \w+ \(|SELECT/);
    }
    // A raw, unparseable Cookie header and duplicate cookies of the same name are no session either.
    for (const header of [
      `${SESSION_COOKIE}`,
      `=;=;${SESSION_COOKIE}==`,
      `${SESSION_COOKIE}=a; ${SESSION_COOKIE}=b`,
    ]) {
      const res = await fetch(`${server.url}/trpc/customer.account.overview`, {
        headers: { cookie: header },
      });
      expect(res.status).toBe(401);
    }
    expect(await server.deps.db.selectFrom("sessions").select("id").execute()).toHaveLength(
      sessionsBefore.length,
    );
    // The real session is untouched by all of it.
    expect((await owner.query("customer.account.overview")).status).toBe(200);
  });

  it("never accepts the customer cookie's value in the staff cookie or the other way round", async () => {
    const real = owner.cookies.get(SESSION_COOKIE) as string;
    const res = await fetch(`${server.url}/trpc/staff.queue.counts`, {
      headers: { cookie: `td_staff_session=${real}` },
    });
    expect(res.status).toBe(401);
  });
});

describe("header tampering", () => {
  it("mails links to the configured public address, whatever Host or X-Forwarded-Host the request claimed", async () => {
    const client = new BrowserClient(server.url);
    await client.open();
    const res = await client.raw("/trpc/customer.auth.requestPasswordReset", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        host: "evil.example",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      },
      body: JSON.stringify({ email }),
    });
    expect(res.status).toBe(200);
    await processPasswordResetRequests(server.deps);
    const mail = await server.deps.db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", email)
      .where("template", "=", "password_reset")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).not.toContain("evil.example");
    expect(mail.text_body).toContain(`${server.deps.config.publicUrl}/reset-password?token=`);
  });
});

describe("replayed reset links", () => {
  it("lets exactly one of several browsers use one reset link at once; the others are told it was used", async () => {
    const mail = await server.deps.db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", email)
      .where("template", "=", "password_reset")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
    expect(token).toBeDefined();
    const browsers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const b = new BrowserClient(server.url);
        await b.open();
        return b;
      }),
    );
    const replies = await Promise.all(
      browsers.map((b, i) =>
        b.mutate("customer.auth.resetPassword", { token, newPassword: `replayed-new-password-${i}` }),
      ),
    );
    const won = replies.findIndex((r) => r.status === 200);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 412)).toHaveLength(5);
    const used = await server.deps.db
      .selectFrom("password_reset_tokens")
      .select("used_at")
      .where("used_at", "is not", null)
      .execute();
    expect(used).toHaveLength(1);
    // The password is the winner's, not the last writer's.
    const signIn = new BrowserClient(server.url);
    await signIn.open();
    expect(
      (await signIn.mutate("customer.auth.signIn", { email, password: `replayed-new-password-${won}` })).data,
    ).toEqual({ status: "signed_in" });
  });
});
