import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { DomainError, OpenTicketInput } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  changeAccountUserRole,
  getCustomerTicket,
  inviteAccountUser,
  listAccountUsers,
  listCustomerTickets,
  openTicket,
  removeAccountUser,
  reportCompromise,
  revokeInvitation,
  signIn,
} from "../../src/index.ts";
import { sha256 } from "../../src/security/tokens.ts";
import { makeStaff, testDeps } from "../support/fixtures.ts";
import { invitationTokenFor, makeTeam, makeUser, PASSWORD } from "./support.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-users", ip: "203.0.113.7", userAgent: "vitest" };
let n = 0;
const newEmail = () => `invitee${++n}.${Date.now()}@newcomer.example`;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function auditActions(accountId: string) {
  return (
    await database.db
      .selectFrom("audit_events")
      .select(["action", "after", "before"])
      .where("account_id", "=", accountId)
      .orderBy("id")
      .execute()
  ).map((a) => ({ action: a.action, after: a.after as Record<string, unknown>, before: a.before }));
}

describe("listing an account's users", () => {
  it("shows owners and admins every current user with role, last sign-in, 2FA, and open invitations with who invited", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    await database.db
      .updateTable("customer_users")
      .set({ totp_enabled_at: new Date(), last_sign_in_at: new Date("2026-11-01T10:00:00Z") })
      .where("id", "=", team.admin.id)
      .execute();
    const email = newEmail();
    await inviteAccountUser(deps, team.admin.actor, meta, { email, role: "member" });

    const list = await listAccountUsers(deps, team.owner);
    expect(list.users.map((u) => u.role)).toEqual(["owner", "admin", "member"]);
    const admin = list.users.find((u) => u.id === team.admin.id);
    expect(admin).toMatchObject({
      name: team.admin.name,
      email: team.admin.email,
      twoFactorEnabled: true,
      lastSignInAt: new Date("2026-11-01T10:00:00Z"),
      roleOptions: ["admin", "member"],
      canRemove: true,
    });
    const owner = list.users.find((u) => u.isYou);
    expect(owner).toMatchObject({ role: "owner", roleOptions: [], canRemove: false, lastSignInAt: null });
    expect(list.invitations).toEqual([
      expect.objectContaining({ email, role: "member", invitedBy: team.admin.name, expired: false }),
    ]);
    expect(list.invitableRoles).toEqual(["admin", "member"]);

    // An admin may manage members only, and invite members only.
    const asAdmin = await listAccountUsers(deps, team.admin.actor);
    expect(asAdmin.users.find((u) => u.id === team.member.id)).toMatchObject({
      roleOptions: ["member"],
      canRemove: true,
    });
    expect(asAdmin.users.find((u) => u.isYou)).toMatchObject({ roleOptions: [], canRemove: false });
    expect(asAdmin.invitableRoles).toEqual(["member"]);
  });

  it("refuses members: they can neither list, invite, change roles nor remove", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const other = await makeUser(database.db, team.accountId, "member");
    const member = team.member.actor;
    expect((await refusal(listAccountUsers(deps, member))).code).toBe("FORBIDDEN");
    expect(
      (await refusal(inviteAccountUser(deps, member, meta, { email: newEmail(), role: "member" }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await refusal(changeAccountUserRole(deps, member, meta, { userId: other.id, role: "admin" }))).code,
    ).toBe("FORBIDDEN");
    expect((await refusal(removeAccountUser(deps, member, meta, { userId: other.id }))).code).toBe(
      "FORBIDDEN",
    );
    const invitations = await database.db
      .selectFrom("account_invitations")
      .select("id")
      .where("account_id", "=", team.accountId)
      .execute();
    expect(invitations).toHaveLength(0);
  });
});

describe("inviting", () => {
  it("mails a single-use link whose token is stored only as its SHA-256, audited with names", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const email = newEmail();
    const sent = await inviteAccountUser(deps, team.owner, meta, { email, role: "admin" });
    expect(sent).toMatchObject({ email, role: "admin" });
    expect(sent.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const token = await invitationTokenFor(database.db, email);
    const mail = await database.db
      .selectFrom("mail_outbox")
      .select(["subject", "text_body"])
      .where("to_address", "=", email)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(`https://portal.example/invitations/accept?token=${token}`);
    expect(mail.subject).toContain("Owner invited you");

    const row = await database.db
      .selectFrom("account_invitations")
      .selectAll()
      .where("id", "=", sent.invitationId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash.equals(sha256(token))).toBe(true);
    // The token itself is nowhere in the database but in the mail that carries it.
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await database.db
      .selectFrom("audit_events")
      .select(["action", "after"])
      .where("subject_id", "=", sent.invitationId)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("account_user.invited");
    expect(audit.after).toMatchObject({ email, role: "admin", invitedBy: "Owner" });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("answers an address that already has a user exactly like a new one, and tells that user instead", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const elsewhere = await makeTeam(database.db);
    const fresh = await inviteAccountUser(deps, team.owner, meta, { email: newEmail(), role: "member" });
    const taken = await inviteAccountUser(deps, team.owner, meta, {
      email: elsewhere.member.email,
      role: "member",
    });
    expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort());
    expect(taken.role).toBe(fresh.role);
    // Listed as an open invitation like any other.
    const list = await listAccountUsers(deps, team.owner);
    expect(list.invitations.map((i) => i.email)).toContain(elsewhere.member.email);
    const mails = await database.db
      .selectFrom("mail_outbox")
      .select(["template", "text_body"])
      .where("to_address", "=", elsewhere.member.email)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.template).toBe("account_invitation_existing_user");
    expect(mails[0]?.text_body).not.toContain("token=");
    // Their own account is untouched.
    const user = await database.db
      .selectFrom("customer_users")
      .select(["account_id", "role"])
      .where("id", "=", elsewhere.member.id)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ account_id: elsewhere.accountId, role: "member" });
  });

  it("refuses inviting a current user of the same account, and an admin inviting an admin", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const same = await refusal(
      inviteAccountUser(deps, team.owner, meta, { email: team.member.email, role: "member" }),
    );
    expect(same.code).toBe("CONFLICT");
    expect(same.fields?.email).toContain("already a user of this account");
    const promote = await refusal(
      inviteAccountUser(deps, team.admin.actor, meta, { email: newEmail(), role: "admin" }),
    );
    expect(promote.code).toBe("FORBIDDEN");
  });

  it("re-inviting replaces the open invitation: the earlier link stops working", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const email = newEmail();
    await inviteAccountUser(deps, team.owner, meta, { email, role: "member" });
    const first = await invitationTokenFor(database.db, email);
    await new Promise((r) => setTimeout(r, 5));
    await inviteAccountUser(deps, team.owner, meta, { email, role: "admin" });
    const second = await invitationTokenFor(database.db, email);
    expect(second).not.toBe(first);
    const rows = await database.db
      .selectFrom("account_invitations")
      .select(["ended_reason", "role"])
      .where("email", "=", email)
      .orderBy("created_at")
      .execute();
    expect(rows).toEqual([
      { ended_reason: "replaced", role: "member" },
      { ended_reason: null, role: "admin" },
    ]);
    const stale = await refusal(
      acceptInvitation(deps, meta, { token: first, name: "Late Larry", password: PASSWORD }, null),
    );
    expect(stale.code).toBe("PRECONDITION_FAILED");
    const joined = await acceptInvitation(
      deps,
      meta,
      { token: second, name: "Nina New", password: PASSWORD },
      null,
    );
    const user = await database.db
      .selectFrom("customer_users")
      .select("role")
      .where("id", "=", joined.userId)
      .executeTakeFirstOrThrow();
    expect(user.role).toBe("admin");
  });

  it("keeps one open invitation per address when the same invitation is sent many times at once", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const email = newEmail();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => inviteAccountUser(deps, team.owner, meta, { email, role: "member" })),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    const open = await database.db
      .selectFrom("account_invitations")
      .select("id")
      .where("email", "=", email)
      .where("ended_at", "is", null)
      .execute();
    expect(open).toHaveLength(1);
  });
});

describe("accepting an invitation", () => {
  it("creates the user in the inviting account with the invited role and signs them in", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const email = newEmail();
    await inviteAccountUser(deps, team.admin.actor, meta, { email, role: "member" });
    const token = await invitationTokenFor(database.db, email);
    const joined = await acceptInvitation(
      deps,
      meta,
      { token, name: "Mia Member", password: PASSWORD },
      null,
    );
    expect(joined.accountId).toBe(team.accountId);
    expect(joined.stage).toBe("full");
    expect(joined.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const user = await database.db
      .selectFrom("customer_users")
      .select(["account_id", "email", "name", "role", "last_sign_in_at"])
      .where("id", "=", joined.userId)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ account_id: team.accountId, email, name: "Mia Member", role: "member" });
    expect(user.last_sign_in_at).not.toBeNull();
    const session = await database.db
      .selectFrom("sessions")
      .select(["customer_user_id", "stage", "revoked_at"])
      .where("id", "=", joined.sessionId)
      .executeTakeFirstOrThrow();
    expect(session).toEqual({ customer_user_id: joined.userId, stage: "full", revoked_at: null });
    // The new user signs in with their password like anyone else.
    const again = await signIn(deps, meta, "customer", { email, password: PASSWORD }, null);
    expect(again.stage).toBe("full");
    const joinedEvent = (await auditActions(team.accountId)).find((a) => a.action === "account_user.joined");
    expect(joinedEvent?.after).toMatchObject({
      name: "Mia Member",
      role: "member",
      invitedBy: team.admin.name,
    });

    // Used once: the same link answers the one clear error.
    const reuse = await refusal(
      acceptInvitation(deps, meta, { token, name: "Again", password: PASSWORD }, null),
    );
    expect(reuse.code).toBe("PRECONDITION_FAILED");
    expect(reuse.message).toMatch(/expired or was already used/);
  });

  it("answers unknown, revoked and expired tokens with the same error", async () => {
    const team = await makeTeam(database.db);
    const deps = testDeps(database.db);
    const unknown = await refusal(
      acceptInvitation(deps, meta, { token: "A".repeat(43), name: "X", password: PASSWORD }, null),
    );
    const revokedEmail = newEmail();
    const revoked = await inviteAccountUser(deps, team.owner, meta, { email: revokedEmail, role: "member" });
    const revokedToken = await invitationTokenFor(database.db, revokedEmail);
    expect(await revokeInvitation(deps, team.owner, meta, { invitationId: revoked.invitationId })).toEqual({
      revoked: true,
    });
    // Revoking again is a harmless no-op.
    expect(await revokeInvitation(deps, team.owner, meta, { invitationId: revoked.invitationId })).toEqual({
      revoked: false,
    });
    const afterRevoke = await refusal(
      acceptInvitation(deps, meta, { token: revokedToken, name: "X", password: PASSWORD }, null),
    );
    const expiredEmail = newEmail();
    await inviteAccountUser(deps, team.owner, meta, { email: expiredEmail, role: "member" });
    const expiredToken = await invitationTokenFor(database.db, expiredEmail);
    const later = testDeps(database.db, () => new Date(Date.now() + 7 * 86_400_000 + 60_000));
    const expired = await refusal(
      acceptInvitation(later, meta, { token: expiredToken, name: "X", password: PASSWORD }, null),
    );
    expect(new Set([unknown.message, afterRevoke.message, expired.message]).size).toBe(1);
    expect([unknown.code, afterRevoke.code, expired.code]).toEqual([
      "PRECONDITION_FAILED",
      "PRECONDITION_FAILED",
      "PRECONDITION_FAILED",
    ]);
    const users = await database.db
      .selectFrom("customer_users")
      .select("id")
      .where("email", "in", [revokedEmail, expiredEmail])
      .execute();
    expect(users).toHaveLength(0);
  });

  it("creates exactly one user when one invitation is accepted many times at once", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const email = newEmail();
    await inviteAccountUser(deps, team.owner, meta, { email, role: "member" });
    const token = await invitationTokenFor(database.db, email);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        acceptInvitation(deps, meta, { token, name: `Racer ${i}`, password: PASSWORD }, null),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const r of refused) {
      expect((r.reason as DomainError).code).toBe("PRECONDITION_FAILED");
    }
    const users = await database.db
      .selectFrom("customer_users")
      .select("id")
      .where("email", "=", email)
      .execute();
    expect(users).toHaveLength(1);
    const sessions = await database.db
      .selectFrom("sessions")
      .select("id")
      .where("customer_user_id", "=", users[0]?.id as string)
      .execute();
    expect(sessions).toHaveLength(1);
    const joined = (await auditActions(team.accountId)).filter((a) => a.action === "account_user.joined");
    expect(joined).toHaveLength(1);
  });

  it("lets nobody join an account suspended for a takeover", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const email = newEmail();
    await inviteAccountUser(deps, team.admin.actor, meta, { email, role: "member" });
    const token = await invitationTokenFor(database.db, email);
    await reportCompromise(deps, await makeStaff(database.db, "fraud_analyst"), meta, {
      reportId: `users-ato-${Date.now()}`,
      accountId: team.accountId,
      summary: "Impossible travel, then an invitation to an unknown address",
      signals: ["impossible travel"],
    });
    const refused = await refusal(
      acceptInvitation(deps, meta, { token, name: "Thief", password: PASSWORD }, null),
    );
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/suspended/);
    expect(
      await database.db.selectFrom("customer_users").select("id").where("email", "=", email).execute(),
    ).toHaveLength(0);
  });
});

describe("changing a role", () => {
  it("lets the owner make a member an admin and back, once per change, audited with names", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const input = { userId: team.member.id, role: "admin" as const };
    expect(await changeAccountUserRole(deps, team.owner, meta, input)).toEqual({ changed: true });
    // A retry changes nothing and writes nothing.
    expect(await changeAccountUserRole(deps, team.owner, meta, input)).toEqual({ changed: false });
    const events = (await auditActions(team.accountId)).filter(
      (a) => a.action === "account_user.role_changed",
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.before).toMatchObject({ name: team.member.name, role: "member" });
    expect(events[0]?.after).toMatchObject({ name: team.member.name, role: "admin", changedBy: "Owner" });
    expect(
      await changeAccountUserRole(deps, team.owner, meta, { userId: team.member.id, role: "member" }),
    ).toEqual({ changed: true });
  });

  it("never changes the owner's role or one's own, and only the owner makes or unmakes admins", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const cases = [
      () =>
        changeAccountUserRole(deps, team.admin.actor, meta, { userId: team.owner.userId, role: "member" }),
      () => changeAccountUserRole(deps, team.owner, meta, { userId: team.owner.userId, role: "admin" }),
      () => changeAccountUserRole(deps, team.admin.actor, meta, { userId: team.admin.id, role: "member" }),
      () => changeAccountUserRole(deps, team.admin.actor, meta, { userId: team.member.id, role: "admin" }),
    ];
    for (const attempt of cases) expect((await refusal(attempt())).code).toBe("FORBIDDEN");
    const second = await makeUser(database.db, team.accountId, "admin");
    expect(
      (
        await refusal(
          changeAccountUserRole(deps, team.admin.actor, meta, { userId: second.id, role: "member" }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const roles = await database.db
      .selectFrom("customer_users")
      .select(["id", "role"])
      .where("account_id", "=", team.accountId)
      .execute();
    expect(Object.fromEntries(roles.map((r) => [r.id, r.role]))).toMatchObject({
      [team.owner.userId]: "owner",
      [team.admin.id]: "admin",
      [team.member.id]: "member",
      [second.id]: "admin",
    });
  });

  it("answers another account's user id exactly like an unknown one", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const other = await makeTeam(database.db);
    const foreign = await refusal(
      changeAccountUserRole(deps, team.owner, meta, { userId: other.member.id, role: "admin" }),
    );
    const unknown = await refusal(
      changeAccountUserRole(deps, team.owner, meta, { userId: crypto.randomUUID(), role: "admin" }),
    );
    expect([foreign.code, foreign.message]).toEqual([unknown.code, unknown.message]);
    expect(foreign.code).toBe("NOT_FOUND");
    const removeForeign = await refusal(
      removeAccountUser(deps, team.owner, meta, { userId: other.member.id }),
    );
    expect([removeForeign.code, removeForeign.message]).toEqual([unknown.code, unknown.message]);
    const otherInvite = await inviteAccountUser(deps, other.owner, meta, {
      email: newEmail(),
      role: "member",
    });
    const revokeForeign = await refusal(
      revokeInvitation(deps, team.owner, meta, { invitationId: otherInvite.invitationId }),
    );
    expect(revokeForeign.code).toBe("NOT_FOUND");
    const target = await database.db
      .selectFrom("customer_users")
      .select(["role", "removed_at"])
      .where("id", "=", other.member.id)
      .executeTakeFirstOrThrow();
    expect(target).toEqual({ role: "member", removed_at: null });
  });
});

describe("removing a user", () => {
  it("marks them removed, ends every session at once, keeps history, and they can no longer sign in", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const signedIn = await signIn(
      deps,
      meta,
      "customer",
      { email: team.member.email, password: PASSWORD },
      null,
    );
    const pendingEmail = newEmail();
    // Promote, invite as the member-turned-admin, then demote and remove: their invitation dies with them.
    await changeAccountUserRole(deps, team.owner, meta, { userId: team.member.id, role: "admin" });
    await inviteAccountUser(deps, { ...team.member.actor, role: "admin" }, meta, {
      email: pendingEmail,
      role: "member",
    });
    const ticket = await openTicket(
      deps,
      team.member.actor,
      meta,
      OpenTicketInput.parse({
        category: "other",
        subject: "A question from a member",
        body: "How do I add a sending domain?",
      }),
    );

    expect(await removeAccountUser(deps, team.owner, meta, { userId: team.member.id })).toEqual({
      removed: true,
    });
    expect(await removeAccountUser(deps, team.owner, meta, { userId: team.member.id })).toEqual({
      removed: false,
    });

    const row = await database.db
      .selectFrom("customer_users")
      .select(["removed_at", "name"])
      .where("id", "=", team.member.id)
      .executeTakeFirstOrThrow();
    expect(row.removed_at).not.toBeNull();
    const live = await database.db
      .selectFrom("sessions")
      .select(["id", "revoked_reason"])
      .where("customer_user_id", "=", team.member.id)
      .execute();
    expect(live.length).toBeGreaterThanOrEqual(2);
    expect(live.every((s) => s.revoked_reason === "removed_from_account")).toBe(true);
    expect(live.map((s) => s.id)).toContain("sessionId" in signedIn ? signedIn.sessionId : null);

    const signInAgain = await refusal(
      signIn(deps, meta, "customer", { email: team.member.email, password: PASSWORD }, null),
    );
    expect(signInAgain.code).toBe("INVALID_CREDENTIALS");

    // History stays: the ticket still names its author; the audit names who removed whom.
    const kept = await database.db
      .selectFrom("tickets")
      .select("opened_by_user_id")
      .where("id", "=", ticket.id)
      .executeTakeFirstOrThrow();
    expect(kept.opened_by_user_id).toBe(team.member.id);
    const removal = (await auditActions(team.accountId)).filter((a) => a.action === "account_user.removed");
    expect(removal).toHaveLength(1);
    expect(removal[0]?.before).toMatchObject({ name: team.member.name, email: team.member.email });
    expect(removal[0]?.after).toMatchObject({ removedBy: "Owner", invitationsEnded: 1 });
    const invitation = await database.db
      .selectFrom("account_invitations")
      .select("ended_reason")
      .where("email", "=", pendingEmail)
      .executeTakeFirstOrThrow();
    expect(invitation.ended_reason).toBe("inviter_removed");
    // No longer listed, and their address can be invited again.
    const list = await listAccountUsers(deps, team.owner);
    expect(list.users.map((u) => u.id)).not.toContain(team.member.id);
    await inviteAccountUser(deps, team.owner, meta, { email: team.member.email, role: "member" });
    const token = await invitationTokenFor(database.db, team.member.email);
    const back = await acceptInvitation(deps, meta, { token, name: row.name, password: PASSWORD }, null);
    expect(back.userId).not.toBe(team.member.id);
  });

  it("cannot remove the owner or oneself, and only the owner removes an admin", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const attempts = [
      () => removeAccountUser(deps, team.admin.actor, meta, { userId: team.owner.userId }),
      () => removeAccountUser(deps, team.owner, meta, { userId: team.owner.userId }),
      () => removeAccountUser(deps, team.admin.actor, meta, { userId: team.admin.id }),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).code).toBe("FORBIDDEN");
    const second = await makeUser(database.db, team.accountId, "admin");
    expect((await refusal(removeAccountUser(deps, team.admin.actor, meta, { userId: second.id }))).code).toBe(
      "FORBIDDEN",
    );
    // An admin removes a member.
    expect(await removeAccountUser(deps, team.admin.actor, meta, { userId: team.member.id })).toEqual({
      removed: true,
    });
    const removed = await database.db
      .selectFrom("customer_users")
      .select("id")
      .where("account_id", "=", team.accountId)
      .where("removed_at", "is not", null)
      .execute();
    expect(removed.map((r) => r.id)).toEqual([team.member.id]);
  });

  it("a removed admin can no longer act: their stale role is checked again under the lock", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    await removeAccountUser(deps, team.owner, meta, { userId: team.admin.id });
    const stale = await refusal(
      inviteAccountUser(deps, team.admin.actor, meta, { email: newEmail(), role: "member" }),
    );
    expect(stale.code).toBe("UNAUTHENTICATED");
  });
});

describe("tickets by role", () => {
  it("shows a member only the tickets they opened; owners and admins see all of the account's", async () => {
    const deps = testDeps(database.db);
    const team = await makeTeam(database.db);
    const colleague = await makeUser(database.db, team.accountId, "member");
    const open = (actor: { userId: string; accountId: string }, subject: string) =>
      openTicket(
        deps,
        actor,
        meta,
        OpenTicketInput.parse({ category: "other", subject, body: "Please help." }),
      );
    const mine = await open(team.member.actor, "Member's own ticket");
    const theirs = await open(colleague.actor, "Colleague's ticket");
    const owners = await open(team.owner, "Owner's ticket");

    const memberView = await listCustomerTickets(deps, team.member.actor);
    expect(memberView.map((t) => t.id)).toEqual([mine.id]);
    expect((await getCustomerTicket(deps, team.member.actor, mine.id)).subject).toBe("Member's own ticket");
    const probe = await refusal(getCustomerTicket(deps, team.member.actor, theirs.id));
    const unknown = await refusal(getCustomerTicket(deps, team.member.actor, crypto.randomUUID()));
    expect([probe.code, probe.message]).toEqual([unknown.code, unknown.message]);

    for (const viewer of [team.owner, team.admin.actor]) {
      const all = await listCustomerTickets(deps, viewer);
      expect(all.map((t) => t.id).sort()).toEqual([mine.id, theirs.id, owners.id].sort());
      expect((await getCustomerTicket(deps, viewer, theirs.id)).id).toBe(theirs.id);
    }
  });
});
