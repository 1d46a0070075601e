import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { DomainError } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptStaffInvitation,
  changeStaffRole,
  deactivateStaffMember,
  describeStaffInvitation,
  inviteStaffMember,
  listStaffMembers,
  reactivateStaffMember,
  resetStaffTwoFactor,
  resolveStaffActor,
  revokeStaffInvitation,
  signIn,
} from "../../src/index.ts";
import { sha256 } from "../../src/security/tokens.ts";
import { mailsTo, settle, testDeps } from "../support/fixtures.ts";
import { invitationTokenFor, makeColleague, retireAllAdmins, STAFF_PASSWORD } from "./support.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 12 });
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-staff", ip: "203.0.113.9", userAgent: "vitest" };
let n = 0;
const newEmail = () => `new.colleague${++n}.${Date.now()}@staff.example`;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function auditOf(subjectId: string) {
  return database.db
    .selectFrom("audit_events")
    .select(["action", "actor_type", "actor_id", "before", "after"])
    .where("subject_id", "=", subjectId)
    .orderBy("id")
    .execute();
}

async function liveSessions(staffId: string) {
  return database.db
    .selectFrom("sessions")
    .select(["id", "stage"])
    .where("staff_user_id", "=", staffId)
    .where("revoked_at", "is", null)
    .execute();
}

describe("inviting a colleague", () => {
  it("stores only the token's hash, mails a single-use link through the outbox and audits it", async () => {
    const deps = testDeps(database.db);
    const admin = await makeColleague(database.db, "admin", "Ada Admin");
    const email = newEmail();
    const sent = await inviteStaffMember(deps, admin.actor, meta, { email, role: "agent", name: "Nina New" });
    const token = await invitationTokenFor(database.db, email);
    expect(sent.link).toContain(`/agent/invitation?token=${token}`);

    const row = await database.db
      .selectFrom("staff_invitations")
      .selectAll()
      .where("id", "=", sent.invitationId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash.equals(sha256(token))).toBe(true);
    expect(row).toMatchObject({ email, role: "agent", name: "Nina New", invited_by_staff_id: admin.id });
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(3 * 86_400_000);
    const [mail] = await mailsTo(database.db, email, "staff_invitation");
    expect(mail?.subject).toBe("Ada Admin invited you to the Trustdesk dashboard");
    expect(mail?.text_body).toContain("as an agent");
    const [audit] = await auditOf(sent.invitationId);
    expect(audit).toMatchObject({ action: "staff.invited", actor_type: "staff", actor_id: admin.id });
    expect(audit?.after).toMatchObject({ email, role: "agent", invitedBy: "Ada Admin" });

    expect(await describeStaffInvitation(deps, meta, { token })).toMatchObject({
      email,
      role: "agent",
      name: "Nina New",
      invitedBy: "Ada Admin",
    });
  });

  it("replaces the open invitation when the same address is invited again: the old link stops working", async () => {
    const deps = testDeps(database.db);
    const admin = await makeColleague(database.db, "admin");
    const email = newEmail();
    await inviteStaffMember(deps, admin.actor, meta, { email, role: "agent" });
    const first = await invitationTokenFor(database.db, email);
    await inviteStaffMember(deps, admin.actor, meta, { email, role: "lead" });
    const second = await invitationTokenFor(database.db, email);
    expect(second).not.toBe(first);

    const rows = await database.db
      .selectFrom("staff_invitations")
      .select(["role", "ended_reason"])
      .where("email", "=", email)
      .orderBy("created_at")
      .execute();
    expect(rows).toEqual([
      { role: "agent", ended_reason: "replaced" },
      { role: "lead", ended_reason: null },
    ]);
    const old = await refusal(
      acceptStaffInvitation(deps, meta, { token: first, name: "X", password: STAFF_PASSWORD }, null),
    );
    expect(old.code).toBe("PRECONDITION_FAILED");
  });

  it("refuses an address that already has a staff account, naming the colleague (active or deactivated)", async () => {
    const deps = testDeps(database.db);
    const admin = await makeColleague(database.db, "admin");
    const existing = await makeColleague(database.db, "agent", "Colin Colleague");
    const active = await refusal(
      inviteStaffMember(deps, admin.actor, meta, { email: existing.email, role: "lead" }),
    );
    expect(active.code).toBe("CONFLICT");
    expect(active.message).toContain("already a colleague (Colin Colleague)");
    await deactivateStaffMember(deps, admin.actor, meta, { staffId: existing.id });
    const deactivated = await refusal(
      inviteStaffMember(deps, admin.actor, meta, { email: existing.email, role: "lead" }),
    );
    expect(deactivated.message).toMatch(/deactivated\). Reactivate it/);
    expect(await mailsTo(database.db, existing.email, "staff_invitation")).toHaveLength(0);
  });

  it("is for admins only, re-checked under the lock", async () => {
    const deps = testDeps(database.db);
    for (const role of ["agent", "lead", "fraud_analyst", "security_analyst"] as const) {
      const someone = await makeColleague(database.db, role);
      const error = await refusal(
        inviteStaffMember(deps, someone.actor, meta, { email: newEmail(), role: "agent" }),
      );
      expect(error.code).toBe("FORBIDDEN");
    }
    // Demoted a moment ago: the session still says admin, the table does not.
    const demoted = await makeColleague(database.db, "admin");
    await database.db
      .updateTable("staff_users")
      .set({ role: "agent" })
      .where("id", "=", demoted.id)
      .execute();
    expect(
      (await refusal(inviteStaffMember(deps, demoted.actor, meta, { email: newEmail(), role: "agent" })))
        .code,
    ).toBe("FORBIDDEN");
  });

  it("leaves one open invitation when the same address is invited 12 times at once", async () => {
    const deps = testDeps(database.db);
    const admins = (await Promise.all([1, 2, 3].map(() => makeColleague(database.db, "admin")))).map(
      (a) => a.actor,
    );
    const email = newEmail();
    const { values, errors } = await settle(
      Array.from({ length: 12 }, (_, i) =>
        inviteStaffMember(deps, admins[i % admins.length] as (typeof admins)[number], meta, {
          email,
          role: "agent",
        }),
      ),
    );
    expect(errors).toEqual([]);
    expect(values).toHaveLength(12);
    const rows = await database.db
      .selectFrom("staff_invitations")
      .select(["ended_at", "accepted_at"])
      .where("email", "=", email)
      .execute();
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.ended_at === null && r.accepted_at === null)).toHaveLength(1);
  });

  it("works from the command line with no admin at all (the first admin of an install)", async () => {
    const deps = testDeps(database.db);
    const email = newEmail();
    const sent = await inviteStaffMember(deps, null, null, { email, role: "admin", name: "First Admin" });
    expect(sent.link).toMatch(/^https:\/\/portal\.example\/agent\/invitation\?token=/);
    const [audit] = await auditOf(sent.invitationId);
    expect(audit).toMatchObject({ action: "staff.invited", actor_type: "system", actor_id: null });
    expect(audit?.after).toMatchObject({ invitedBy: "command line", role: "admin" });
  });
});

describe("accepting an invitation", () => {
  it("makes the account, signs in only as far as TOTP enrolment, and works once", async () => {
    const deps = testDeps(database.db);
    const email = newEmail();
    const sent = await inviteStaffMember(deps, null, null, { email, role: "lead" });
    const token = sent.link.split("token=")[1] as string;
    const issued = await acceptStaffInvitation(
      deps,
      meta,
      { token, name: "Lena Lead", password: STAFF_PASSWORD },
      null,
    );
    expect(issued.stage).toBe("totp_enrolment");
    const staff = await database.db
      .selectFrom("staff_users")
      .select(["id", "name", "role", "totp_enabled_at"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(staff).toMatchObject({
      id: issued.staffId,
      name: "Lena Lead",
      role: "lead",
      totp_enabled_at: null,
    });
    // The enrolment session is no full session: nothing but enrolment answers it.
    const session = {
      id: issued.sessionId,
      realm: "staff" as const,
      stage: issued.stage,
      userId: staff.id,
      expiresAt: issued.expiresAt,
    };
    expect((await refusal(resolveStaffActor(deps, session))).code).toBe("SECOND_FACTOR_REQUIRED");

    const again = await refusal(
      acceptStaffInvitation(deps, meta, { token, name: "Again", password: STAFF_PASSWORD }, null),
    );
    expect(again.code).toBe("PRECONDITION_FAILED");
    expect((await refusal(describeStaffInvitation(deps, meta, { token }))).code).toBe("PRECONDITION_FAILED");
    // Leaving the enrolment and signing in later lands on the enrolment again.
    const later = await signIn(deps, meta, "staff", { email, password: STAFF_PASSWORD }, null);
    expect("stage" in later && later.stage).toBe("totp_enrolment");
    expect((await auditOf(staff.id)).map((a) => a.action)).toContain("staff.joined");
  });

  it("refuses an expired invitation", async () => {
    const email = newEmail();
    const sent = await inviteStaffMember(testDeps(database.db), null, null, { email, role: "agent" });
    const token = sent.link.split("token=")[1] as string;
    const inFourDays = testDeps(database.db, () => new Date(Date.now() + 4 * 86_400_000));
    const error = await refusal(
      acceptStaffInvitation(inFourDays, meta, { token, name: "Late", password: STAFF_PASSWORD }, null),
    );
    expect(error.message).toMatch(/expired or was already used/);
  });

  it("makes exactly one staff account when one link is opened 10 times at once", async () => {
    const deps = testDeps(database.db);
    const email = newEmail();
    const sent = await inviteStaffMember(deps, null, null, { email, role: "agent" });
    const token = sent.link.split("token=")[1] as string;
    const { values, errors } = await settle(
      Array.from({ length: 10 }, () =>
        acceptStaffInvitation(deps, meta, { token, name: "Twin", password: STAFF_PASSWORD }, null),
      ),
    );
    expect(values).toHaveLength(1);
    expect(errors.every((e) => e.code === "PRECONDITION_FAILED")).toBe(true);
    const rows = await database.db
      .selectFrom("staff_users")
      .select("id")
      .where("email", "=", email)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe("changing roles and the last admin", () => {
  it("changes a role with before/after in the audit log and a mail to the colleague; repeating changes nothing", async () => {
    const deps = testDeps(database.db);
    const admin = await makeColleague(database.db, "admin", "Ada Admin");
    const agent = await makeColleague(database.db, "agent", "Alex Agent");
    expect(await changeStaffRole(deps, admin.actor, meta, { staffId: agent.id, role: "lead" })).toEqual({
      changed: true,
    });
    expect(await changeStaffRole(deps, admin.actor, meta, { staffId: agent.id, role: "lead" })).toEqual({
      changed: false,
    });
    const audits = await auditOf(agent.id);
    expect(audits.filter((a) => a.action === "staff.role_changed")).toEqual([
      expect.objectContaining({
        before: { name: "Alex Agent", role: "agent" },
        after: { name: "Alex Agent", role: "lead", changedBy: "Ada Admin" },
      }),
    ]);
    expect(await mailsTo(database.db, agent.email, "staff_role_changed")).toHaveLength(1);
    // The session is judged by the table at its next request.
    const session = {
      id: agent.sessionId,
      realm: "staff" as const,
      stage: "full" as const,
      userId: agent.id,
      expiresAt: new Date(Date.now() + 3600_000),
    };
    expect((await resolveStaffActor(deps, session)).role).toBe("lead");
  });

  it("never demotes, deactivates the last active admin — themselves included", async () => {
    const deps = testDeps(database.db);
    await retireAllAdmins(database.db);
    const only = await makeColleague(database.db, "admin", "Olga Only");
    const demote = await refusal(
      changeStaffRole(deps, only.actor, meta, { staffId: only.id, role: "agent" }),
    );
    expect(demote.code).toBe("PRECONDITION_FAILED");
    expect(demote.message).toMatch(/Olga Only is the last active admin/);
    const deactivate = await refusal(deactivateStaffMember(deps, only.actor, meta, { staffId: only.id }));
    expect(deactivate.message).toMatch(/last active admin/);
    const row = await database.db
      .selectFrom("staff_users")
      .select(["role", "disabled_at"])
      .where("id", "=", only.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "admin", disabled_at: null });

    // With a second admin, stepping down is fine.
    const second = await makeColleague(database.db, "admin");
    expect(await changeStaffRole(deps, only.actor, meta, { staffId: only.id, role: "lead" })).toEqual({
      changed: true,
    });
    await changeStaffRole(deps, second.actor, meta, { staffId: only.id, role: "admin" });
  });

  it("leaves one admin when two admins demote each other at the same moment (repeated 5 times)", async () => {
    const deps = testDeps(database.db);
    for (let round = 0; round < 5; round++) {
      await retireAllAdmins(database.db);
      const a = await makeColleague(database.db, "admin");
      const b = await makeColleague(database.db, "admin");
      const { values, errors } = await settle([
        changeStaffRole(deps, a.actor, meta, { staffId: b.id, role: "agent" }),
        changeStaffRole(deps, b.actor, meta, { staffId: a.id, role: "agent" }),
        deactivateStaffMember(deps, a.actor, meta, { staffId: b.id }),
        deactivateStaffMember(deps, b.actor, meta, { staffId: a.id }),
      ]);
      expect(values.length).toBeGreaterThanOrEqual(1);
      expect(errors.length).toBeGreaterThanOrEqual(1);
      const admins = await database.db
        .selectFrom("staff_users")
        .select("id")
        .where("role", "=", "admin")
        .where("disabled_at", "is", null)
        .execute();
      expect(admins).toHaveLength(1);
    }
  });
});

describe("deactivating, reactivating and resetting 2FA", () => {
  it("deactivation revokes every session at once, keeps the row and history, and ends their open invitations", async () => {
    const deps = testDeps(database.db);
    const admin = await makeColleague(database.db, "admin", "Ada Admin");
    const leaving = await makeColleague(database.db, "admin", "Leo Leaving");
    await inviteStaffMember(deps, leaving.actor, meta, { email: newEmail(), role: "agent" });
    await signIn(deps, meta, "staff", { email: leaving.email, password: STAFF_PASSWORD }, null);
    expect(await liveSessions(leaving.id)).toHaveLength(2);

    const result = await deactivateStaffMember(deps, admin.actor, meta, { staffId: leaving.id });
    expect(result).toEqual({ changed: true, sessionsRevoked: 2 });
    expect(await liveSessions(leaving.id)).toHaveLength(0);
    const session = {
      id: leaving.sessionId,
      realm: "staff" as const,
      stage: "full" as const,
      userId: leaving.id,
      expiresAt: new Date(Date.now() + 3600_000),
    };
    expect((await refusal(resolveStaffActor(deps, session))).code).toBe("UNAUTHENTICATED");
    expect(
      (await refusal(signIn(deps, meta, "staff", { email: leaving.email, password: STAFF_PASSWORD }, null)))
        .code,
    ).toBe("INVALID_CREDENTIALS");
    expect(
      await database.db
        .selectFrom("staff_invitations")
        .select("ended_reason")
        .where("invited_by_staff_id", "=", leaving.id)
        .execute(),
    ).toEqual([{ ended_reason: "inviter_deactivated" }]);
    const [audit] = (await auditOf(leaving.id)).filter((a) => a.action === "staff.deactivated");
    expect(audit?.before).toMatchObject({ name: "Leo Leaving", status: "active" });
    expect(audit?.after).toMatchObject({
      status: "deactivated",
      deactivatedBy: "Ada Admin",
      sessionsRevoked: 2,
    });
    expect(await deactivateStaffMember(deps, admin.actor, meta, { staffId: leaving.id })).toEqual({
      changed: false,
      sessionsRevoked: 0,
    });

    const listed = await listStaffMembers(deps, admin.actor);
    expect(listed.members.find((m) => m.id === leaving.id)?.status).toBe("deactivated");

    expect(await reactivateStaffMember(deps, admin.actor, meta, { staffId: leaving.id })).toEqual({
      changed: true,
    });
    const back = await signIn(deps, meta, "staff", { email: leaving.email, password: STAFF_PASSWORD }, null);
    expect("stage" in back && back.stage).toBe("second_factor");
    expect((await auditOf(leaving.id)).map((a) => a.action)).toContain("staff.reactivated");
  });

  it("a 2FA reset clears the authenticator and recovery codes, signs the person out, and their next sign-in enrols again", async () => {
    const deps = testDeps(database.db);
    const admin = await makeColleague(database.db, "admin");
    const lost = await makeColleague(database.db, "agent");
    await database.db
      .insertInto("recovery_codes")
      .values([{ staff_user_id: lost.id, customer_user_id: null, code_hash: sha256("x") }])
      .execute();
    const result = await resetStaffTwoFactor(deps, admin.actor, meta, { staffId: lost.id });
    expect(result).toEqual({ changed: true, sessionsRevoked: 1 });
    const row = await database.db
      .selectFrom("staff_users")
      .select(["totp_secret_enc", "totp_enabled_at", "totp_last_step"])
      .where("id", "=", lost.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null });
    expect(
      await database.db
        .selectFrom("recovery_codes")
        .select("id")
        .where("staff_user_id", "=", lost.id)
        .execute(),
    ).toEqual([]);
    expect(await liveSessions(lost.id)).toHaveLength(0);
    expect(await mailsTo(database.db, lost.email, "staff_two_factor_reset")).toHaveLength(1);
    const next = await signIn(deps, meta, "staff", { email: lost.email, password: STAFF_PASSWORD }, null);
    expect("stage" in next && next.stage).toBe("totp_enrolment");
    expect((await listStaffMembers(deps, admin.actor)).members.find((m) => m.id === lost.id)?.status).toBe(
      "totp_pending",
    );
    expect(await resetStaffTwoFactor(deps, admin.actor, meta, { staffId: lost.id })).toEqual({
      changed: false,
      sessionsRevoked: 0,
    });
  });

  it("revokes an open invitation; the link then works no more", async () => {
    const deps = testDeps(database.db);
    const admin = await makeColleague(database.db, "admin");
    const email = newEmail();
    const sent = await inviteStaffMember(deps, admin.actor, meta, { email, role: "agent" });
    const listed = await listStaffMembers(deps, admin.actor);
    expect(listed.invitations.find((i) => i.id === sent.invitationId)).toMatchObject({
      status: "invited",
      email,
      expired: false,
    });
    expect(await revokeStaffInvitation(deps, admin.actor, meta, { invitationId: sent.invitationId })).toEqual(
      { changed: true },
    );
    const token = sent.link.split("token=")[1] as string;
    expect(
      (await refusal(acceptStaffInvitation(deps, meta, { token, name: "N", password: STAFF_PASSWORD }, null)))
        .code,
    ).toBe("PRECONDITION_FAILED");
  });

  it("answers NOT_FOUND for an unknown colleague", async () => {
    const admin = await makeColleague(database.db, "admin");
    const error = await refusal(
      deactivateStaffMember(testDeps(database.db), admin.actor, meta, {
        staffId: "00000000-0000-4000-8000-000000000000",
      }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});
