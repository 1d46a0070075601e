import {
  type AcceptStaffInvitationInput,
  DomainError,
  type StaffInvitationLookupInput,
} from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import { type IssuedSession, startSession } from "../auth/start-session.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { enforceRateLimit, type RateLimitRule } from "../rate-limit/enforce-rate-limit.ts";
import { hashPassword } from "../security/passwords.ts";
import { sha256 } from "../security/tokens.ts";
import { lockStaffAdministration } from "./staff-admin-access.ts";

/** Tokens carry 256 bits; this only stops a script from hammering the endpoint. */
const ACCEPT_LIMIT: RateLimitRule = { name: "staff-invitation:ip", limit: 30, windowSeconds: 3600 };

/** One answer for every token that can't be used: unknown, used, revoked, replaced or expired. */
export const STAFF_INVITATION_UNUSABLE =
  "This invitation has expired or was already used. Ask an admin of your team for a new one.";

async function findUsable(deps: ServiceDeps, token: string) {
  const invitation = await deps.db
    .selectFrom("staff_invitations as i")
    .leftJoin("staff_users as s", "s.id", "i.invited_by_staff_id")
    .select([
      "i.email",
      "i.name",
      "i.role",
      "i.expires_at",
      "i.accepted_at",
      "i.ended_at",
      "s.name as invited_by",
    ])
    .where("i.token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!invitation || invitation.accepted_at || invitation.ended_at || invitation.expires_at <= deps.now())
    throw new DomainError("PRECONDITION_FAILED", STAFF_INVITATION_UNUSABLE);
  return invitation;
}

/** What the invitation page shows before the password form: which address, which role, from whom. */
export async function describeStaffInvitation(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: StaffInvitationLookupInput,
) {
  await enforceRateLimit(deps, ACCEPT_LIMIT, meta.ip ?? "unknown");
  const i = await findUsable(deps, input.token);
  return { email: i.email, name: i.name, role: i.role, invitedBy: i.invited_by, expiresAt: i.expires_at };
}

/**
 * Turns an emailed invitation into a staff account and a session that can do one thing only: enrol
 * TOTP (`totp_enrolment`, the stage a first sign-in has). The invitation is checked and used under
 * the staff-administration lock and a row lock, so concurrent accepts of one token make one account;
 * the others get the one "expired or already used" answer.
 */
export async function acceptStaffInvitation(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: AcceptStaffInvitationInput,
  presentedSessionId: string | null,
): Promise<IssuedSession & { staffId: string }> {
  await enforceRateLimit(deps, ACCEPT_LIMIT, meta.ip ?? "unknown");
  const tokenHash = sha256(input.token);
  const passwordHash = await hashPassword(input.password, deps.config.fastPasswordHashing);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockStaffAdministration(trx);
    const invitation = await trx
      .selectFrom("staff_invitations as i")
      .leftJoin("staff_users as s", "s.id", "i.invited_by_staff_id")
      .select([
        "i.id",
        "i.email",
        "i.role",
        "i.expires_at",
        "i.accepted_at",
        "i.ended_at",
        "s.name as invited_by",
      ])
      .where("i.token_hash", "=", tokenHash)
      .forUpdate("i")
      .executeTakeFirst();
    if (!invitation || invitation.accepted_at || invitation.ended_at || invitation.expires_at <= now)
      throw new DomainError("PRECONDITION_FAILED", STAFF_INVITATION_UNUSABLE);
    // Inviting refuses addresses that have an account, but one could have been made since (the
    // demo seed, SQL by hand): under the lock, this check is the whole answer.
    const taken = await trx
      .selectFrom("staff_users")
      .select("id")
      .where("email", "=", invitation.email)
      .executeTakeFirst();
    if (taken)
      throw new DomainError(
        "CONFLICT",
        "This address already has a staff account. Sign in with it, or ask an admin for help.",
      );

    const staff = await trx
      .insertInto("staff_users")
      .values({
        email: invitation.email,
        name: input.name,
        role: invitation.role,
        password_hash: passwordHash,
        password_changed_at: now,
        totp_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        last_sign_in_at: null,
        disabled_at: null,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("staff_invitations")
      .set({ accepted_at: now, accepted_staff_id: staff.id })
      .where("id", "=", invitation.id)
      .execute();
    const actor = { type: "staff" as const, staffId: staff.id, role: invitation.role };
    await recordAudit(trx, actor, meta, {
      action: "staff.joined",
      subjectType: "staff_user",
      subjectId: staff.id,
      after: {
        name: input.name,
        email: invitation.email,
        role: invitation.role,
        invitedBy: invitation.invited_by ?? "command line",
        invitationId: invitation.id,
      },
    });
    // Not signed in yet: a staff account does nothing before its second factor is enrolled.
    const issued = await startSession(
      trx,
      deps,
      meta,
      "staff",
      staff.id,
      "totp_enrolment",
      presentedSessionId,
    );
    await recordAudit(trx, actor, meta, {
      action: "auth.password_verified",
      subjectType: "session",
      subjectId: issued.sessionId,
      after: { stage: "totp_enrolment", via: "invitation" },
    });
    return { ...issued, staffId: staff.id };
  });
}
