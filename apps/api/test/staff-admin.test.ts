import { DEMO_STAFF, seedDemoData } from "@trustdesk/services";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { staffClients } from "./support/staff-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(server.deps);
});
afterAll(async () => {
  await server.close();
});

const signedIn = staffClients(() => server.url);
const ROLES = ["agent", "lead", "admin", "fraud_analyst", "security_analyst"] as const;
const PASSWORD = "a-brand-new-staff-password";
let n = 0;

/** A colleague made straight in the table: a target for the admin's actions. */
async function makeTarget(name: string) {
  const demo = await server.deps.db
    .selectFrom("staff_users")
    .select("password_hash")
    .where("email", "=", DEMO_STAFF[0].email)
    .executeTakeFirstOrThrow();
  return server.deps.db
    .insertInto("staff_users")
    .values({
      email: `target${++n}@trustdesk.test`,
      name,
      role: "agent",
      password_hash: demo.password_hash,
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      last_sign_in_at: null,
      disabled_at: null,
    })
    .returning(["id", "email"])
    .executeTakeFirstOrThrow();
}

async function invitationToken(email: string): Promise<string> {
  const mail = await server.deps.db
    .selectFrom("mail_outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .where("template", "=", "staff_invitation")
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  return /token=([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1] as string;
}

/** A code from the step after the current one: the API accepts one step of drift, and never a used step. */
function nextStepCode(secret: string) {
  return generate({ secret, epoch: (Math.floor(Date.now() / 30_000) + 1) * 30 });
}

describe("who may administer staff", () => {
  it("refuses every staff-administration procedure to every role but admin", async () => {
    const target = await makeTarget("Tess Target");
    const invitationId = "00000000-0000-4000-8000-000000000001";
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const client = await signedIn(role);
      const calls = [
        await client.query("staff.staffAdmin.list"),
        await client.mutate("staff.staffAdmin.invite", { email: `x${role}@trustdesk.test`, role: "admin" }),
        await client.mutate("staff.staffAdmin.revokeInvitation", { invitationId }),
        await client.mutate("staff.staffAdmin.changeRole", { staffId: target.id, role: "admin" }),
        await client.mutate("staff.staffAdmin.deactivate", { staffId: target.id }),
        await client.mutate("staff.staffAdmin.reactivate", { staffId: target.id }),
        await client.mutate("staff.staffAdmin.resetTwoFactor", { staffId: target.id }),
      ];
      expect(
        calls.map((c) => c.status),
        role,
      ).toEqual([403, 403, 403, 403, 403, 403, 403]);
    }
    const untouched = await server.deps.db
      .selectFrom("staff_users")
      .select(["role", "disabled_at"])
      .where("id", "=", target.id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ role: "agent", disabled_at: null });
    expect(await server.deps.db.selectFrom("staff_invitations").select("id").execute()).toEqual([]);
  });

  it("lets an admin do each of them, and never returns the invitation's token", async () => {
    const admin = await signedIn("admin");
    const target = await makeTarget("Tom Target");
    const list = await admin.query<{
      members: Array<{ name: string; role: string; status: string; isYou: boolean }>;
    }>("staff.staffAdmin.list");
    expect(list.status).toBe(200);
    expect(list.data?.members.find((m) => m.isYou)?.role).toBe("admin");
    expect(list.data?.members.find((m) => m.name === "Tom Target")?.status).toBe("totp_pending");

    const invite = await admin.mutate<Record<string, unknown>>("staff.staffAdmin.invite", {
      email: "Someone.New@Trustdesk.test",
      role: "fraud_analyst",
    });
    expect(invite.status).toBe(200);
    expect(Object.keys(invite.data ?? {}).sort()).toEqual(["email", "expiresAt", "invitationId", "role"]);
    expect(JSON.stringify(invite.data)).not.toContain(await invitationToken("someone.new@trustdesk.test"));
    const revoke = await admin.mutate("staff.staffAdmin.revokeInvitation", {
      invitationId: invite.data?.invitationId,
    });
    expect(revoke.data).toEqual({ changed: true });

    expect(
      (await admin.mutate("staff.staffAdmin.changeRole", { staffId: target.id, role: "lead" })).data,
    ).toEqual({
      changed: true,
    });
    expect((await admin.mutate("staff.staffAdmin.resetTwoFactor", { staffId: target.id })).status).toBe(200);
    expect((await admin.mutate("staff.staffAdmin.deactivate", { staffId: target.id })).data).toMatchObject({
      changed: true,
    });
    expect((await admin.mutate("staff.staffAdmin.reactivate", { staffId: target.id })).data).toEqual({
      changed: true,
    });
    const actions = await server.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", target.id)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "staff.role_changed",
      "staff.deactivated",
      "staff.reactivated",
    ]);

    const existing = await admin.mutate("staff.staffAdmin.invite", { email: target.email, role: "agent" });
    expect(existing.status).toBe(409);
    expect(existing.error?.data.fieldErrors?.email).toMatch(/already a colleague \(Tom Target\)/);
  });

  it("keeps the only admin an admin, over HTTP too", async () => {
    const admin = await signedIn("admin");
    const me = DEMO_STAFF.find((s) => s.role === "admin");
    const row = await server.deps.db
      .selectFrom("staff_users")
      .select("id")
      .where("email", "=", me?.email as string)
      .executeTakeFirstOrThrow();
    const demote = await admin.mutate("staff.staffAdmin.changeRole", { staffId: row.id, role: "agent" });
    expect(demote.status).toBe(412);
    expect(demote.error?.message).toMatch(/is the last active admin/);
    expect((await admin.mutate("staff.staffAdmin.deactivate", { staffId: row.id })).status).toBe(412);
  });
});

describe("every staff member's own account", () => {
  it("is open to every role: sessions (current marked), password change and recovery codes reach the checks", async () => {
    for (const role of ROLES) {
      const client = await signedIn(role);
      const sessions =
        await client.query<Array<{ current: boolean; ip: string | null }>>("staff.me.sessions");
      expect(sessions.status, role).toBe(200);
      expect(
        sessions.data?.filter((s) => s.current),
        role,
      ).toHaveLength(1);
      const password = await client.mutate("staff.me.changePassword", {
        currentPassword: "not my password",
        newPassword: PASSWORD,
      });
      expect(password.status, role).toBe(401);
      expect(password.error?.data.fieldErrors?.currentPassword, role).toBe("Not your current password");
      const codes = await client.mutate("staff.me.regenerateRecoveryCodes", { code: "000000" });
      expect(codes.status, role).toBe(401);
      const unknown = await client.mutate("staff.me.endSession", {
        sessionId: "00000000-0000-4000-8000-000000000002",
      });
      expect(unknown.status, role).toBe(404);
      expect((await client.mutate("staff.me.endOtherSessions")).status, role).toBe(200);
    }
    const anonymous = new BrowserClient(server.url);
    await anonymous.open();
    expect((await anonymous.query("staff.me.sessions")).status).toBe(401);
    expect((await anonymous.query("staff.staffAdmin.list")).status).toBe(401);
  });
});

describe("an invited colleague", () => {
  it("sets a password, must enrol TOTP first, works, manages their account, and is cut off at once when deactivated", async () => {
    const admin = await signedIn("admin");
    const email = "invited.agent@trustdesk.test";
    expect(
      (await admin.mutate("staff.staffAdmin.invite", { email, role: "agent", name: "Ivy Invited" })).status,
    ).toBe(200);
    const token = await invitationToken(email);

    const ivy = new BrowserClient(server.url);
    await ivy.open();
    const described = await ivy.query<{ email: string; role: string; invitedBy: string }>(
      "staff.invitation.describe",
      {
        token,
      },
    );
    expect(described.data).toMatchObject({ email, role: "agent", invitedBy: "Ada Admin" });
    const weak = await ivy.mutate("staff.invitation.accept", {
      token,
      name: "Ivy Invited",
      password: "short",
    });
    expect(weak.status).toBe(400);
    expect(weak.error?.data.fieldErrors?.password).toBe("Use at least 12 characters");
    const accepted = await ivy.mutate("staff.invitation.accept", {
      token,
      name: "Ivy Invited",
      password: PASSWORD,
    });
    expect(accepted.data).toEqual({ stage: "totp_enrolment" });
    expect((await ivy.query<{ stage: string }>("staff.auth.session")).data?.stage).toBe("totp_enrolment");
    // Nothing but the enrolment until it is done.
    expect((await ivy.query("staff.queue.list")).status).toBe(401);
    expect((await ivy.query("staff.me.sessions")).status).toBe(401);
    const twin = new BrowserClient(server.url);
    await twin.open();
    const again = await twin.mutate("staff.invitation.accept", { token, name: "Twice", password: PASSWORD });
    expect(again.status).toBe(412);
    expect(again.error?.message).toMatch(/expired or was already used/);

    const begin = await ivy.mutate<{ secret: string }>("staff.auth.beginTotpEnrolment");
    const secret = begin.data?.secret as string;
    const confirm = await ivy.mutate<{ recoveryCodes: string[] }>("staff.auth.confirmTotpEnrolment", {
      code: await generate({ secret }),
    });
    expect(confirm.data?.recoveryCodes).toHaveLength(10);
    expect((await ivy.query("staff.queue.list")).status).toBe(200);

    const codes = await ivy.mutate<{ recoveryCodes: string[] }>("staff.me.regenerateRecoveryCodes", {
      code: await nextStepCode(secret),
    });
    expect(codes.status).toBe(200);
    expect(codes.data?.recoveryCodes).toHaveLength(10);
    expect(codes.data?.recoveryCodes).not.toEqual(confirm.data?.recoveryCodes);
    const changed = await ivy.mutate("staff.me.changePassword", {
      currentPassword: PASSWORD,
      newPassword: `${PASSWORD}-2`,
    });
    expect(changed.data).toEqual({ ok: true });

    const listed = await admin.query<{ members: Array<{ id: string; name: string; status: string }> }>(
      "staff.staffAdmin.list",
    );
    const member = listed.data?.members.find((m) => m.name === "Ivy Invited");
    expect(member?.status).toBe("active");
    const deactivated = await admin.mutate("staff.staffAdmin.deactivate", { staffId: member?.id });
    expect(deactivated.data).toEqual({ changed: true, sessionsRevoked: 1 });
    const cut = await ivy.query("staff.queue.list");
    expect(cut.status).toBe(401);
    expect(cut.error?.message).toBe("Your session has ended. Sign in again.");
    expect((await ivy.query("staff.auth.session")).data).toBeNull();
  });
});
