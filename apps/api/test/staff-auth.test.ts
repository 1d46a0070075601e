import { DEMO_PASSWORD, DEMO_STAFF, seedDemoData } from "@trustdesk/services";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(server.deps);
});
afterAll(async () => {
  await server.close();
});

function staff(role: string) {
  const s = DEMO_STAFF.find((x) => x.role === role);
  if (!s) throw new Error(`no demo ${role}`);
  return s;
}

async function signedIn(role: string) {
  const s = staff(role);
  const client = new BrowserClient(server.url);
  await client.open();
  expect(
    (await client.mutate("staff.auth.signIn", { email: s.email, password: DEMO_PASSWORD })).data,
  ).toEqual({ stage: "second_factor" });
  return { client, s };
}

describe("staff sign-in with mandatory TOTP", () => {
  it("needs the TOTP code before anything else, then opens the queue", async () => {
    const { client, s } = await signedIn("agent");
    expect((await client.query("staff.queue.list")).status).toBe(401);
    const verified = await client.mutate("staff.auth.verifySecondFactor", {
      code: await generate({ secret: s.totpSecret }),
    });
    expect(verified.data).toEqual({ stage: "full" });
    const queue = await client.query<{
      rows: Array<{ subject: string; escalatedAt: string | null; badges: { breached: boolean } }>;
    }>("staff.queue.list");
    expect(queue.status).toBe(200);
    expect(queue.data?.rows.length).toBeGreaterThan(0);
    // The demo's takeover ticket was escalated by its customer: it leads the queue.
    expect(queue.data?.rows[0]?.escalatedAt).toEqual(expect.any(String));
    expect(queue.data?.rows.filter((t) => t.escalatedAt !== null)).toHaveLength(1);
    expect(queue.data?.rows.some((t) => t.badges.breached)).toBe(true);
    expect((await client.query<{ stage: string }>("staff.auth.session")).data?.stage).toBe("full");
  });

  it("keeps roles apart: a fraud analyst cannot work the ticket queue but can view accounts", async () => {
    const { client, s } = await signedIn("fraud_analyst");
    await client.mutate("staff.auth.verifySecondFactor", { code: await generate({ secret: s.totpSecret }) });
    const queue = await client.query("staff.queue.list");
    expect(queue.status).toBe(403);
    const account = await server.deps.db
      .selectFrom("accounts")
      .select("id")
      .where("name", "=", "Northwind Traders")
      .executeTakeFirstOrThrow();
    const view = await client.query<{ enforcements: Array<{ reason: string }> }>("staff.accounts.get", {
      accountId: account.id,
    });
    expect(view.data?.enforcements.map((e) => e.reason)).toEqual(["account_takeover"]);
  });

  it("reads the staff member again on every request: a disabled member's live session is signed out", async () => {
    const { client, s } = await signedIn("security_analyst");
    await client.mutate("staff.auth.verifySecondFactor", { code: await generate({ secret: s.totpSecret }) });
    const account = await server.deps.db
      .selectFrom("accounts")
      .select("id")
      .where("name", "=", "Northwind Traders")
      .executeTakeFirstOrThrow();
    expect((await client.query("staff.accounts.get", { accountId: account.id })).status).toBe(200);
    const disable = (at: Date | null) =>
      server.deps.db
        .updateTable("staff_users")
        .set({ disabled_at: at })
        .where("email", "=", s.email)
        .execute();
    await disable(new Date());
    try {
      const refused = await client.query<unknown>("staff.accounts.get", { accountId: account.id });
      expect(refused.status).toBe(401);
      expect(refused.error?.message).toBe("Your session has ended. Sign in again.");
    } finally {
      await disable(null);
    }
  });

  it("refuses a wrong code and does not let a staff session act as a customer", async () => {
    const { client } = await signedIn("lead");
    const wrong = await client.mutate("staff.auth.verifySecondFactor", { code: "123456" });
    expect(wrong.status).toBe(401);
    expect((await client.query("customer.account.overview")).status).toBe(401);
  });

  it("makes a new staff member enrol TOTP at first sign-in, then issues recovery codes that work once", async () => {
    await server.deps.db
      .insertInto("staff_users")
      .values({
        email: "newhire@trustdesk.test",
        name: "New Hire",
        role: "agent",
        password_hash: (
          await server.deps.db
            .selectFrom("staff_users")
            .select("password_hash")
            .where("email", "=", staff("agent").email)
            .executeTakeFirstOrThrow()
        ).password_hash,
        totp_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        last_sign_in_at: null,
        disabled_at: null,
      })
      .execute();
    const client = new BrowserClient(server.url);
    await client.open();
    const signIn = await client.mutate("staff.auth.signIn", {
      email: "newhire@trustdesk.test",
      password: DEMO_PASSWORD,
    });
    expect(signIn.data).toEqual({ stage: "totp_enrolment" });
    expect((await client.query("staff.queue.list")).status).toBe(401);
    const begin = await client.mutate<{ secret: string }>("staff.auth.beginTotpEnrolment");
    const confirm = await client.mutate<{ recoveryCodes: string[] }>("staff.auth.confirmTotpEnrolment", {
      code: await generate({ secret: begin.data?.secret as string }),
    });
    expect(confirm.data?.recoveryCodes).toHaveLength(10);
    expect((await client.query("staff.queue.list")).status).toBe(200);

    const other = new BrowserClient(server.url);
    await other.open();
    await other.mutate("staff.auth.signIn", { email: "newhire@trustdesk.test", password: DEMO_PASSWORD });
    const code = confirm.data?.recoveryCodes[3] as string;
    expect(
      (await other.mutate("staff.auth.verifySecondFactor", { recoveryCode: code.toUpperCase() })).data,
    ).toEqual({ stage: "full" });
  });
});
