import { revokeSession, revokeUserSessions } from "@trustdesk/db";
import { DomainError, type EndStaffSessionInput } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { StaffSessionActor } from "../auth/resolve-staff-actor.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";

const actorOf = (staff: StaffSessionActor) => ({
  type: "staff" as const,
  staffId: staff.staffId,
  role: staff.role,
});

/**
 * Signs out one of the caller's other sessions. Someone else's session id answers like an unknown
 * one; the session in use is ended with "Sign out" instead; an ended one is a no-op.
 */
export async function endOwnSession(
  deps: ServiceDeps,
  staff: StaffSessionActor,
  meta: RequestMeta,
  input: EndStaffSessionInput,
) {
  if (input.sessionId === staff.sessionId)
    throw new DomainError("PRECONDITION_FAILED", "This is the session you are using. Sign out to end it.");
  await deps.db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom("sessions")
      .select(["id", "revoked_at", "ip", "user_agent"])
      .where("id", "=", input.sessionId)
      .where("staff_user_id", "=", staff.staffId)
      .forUpdate()
      .executeTakeFirst();
    if (!session) throw new DomainError("NOT_FOUND", "We couldn't find that session of yours.");
    if (session.revoked_at) return;
    await revokeSession(trx, session.id, "ended_by_user", deps.now());
    await recordAudit(trx, actorOf(staff), meta, {
      action: "session.revoked",
      subjectType: "session",
      subjectId: session.id,
      after: { user: staff.name, ip: session.ip },
    });
  });
}

/** "Sign out everywhere else": every session of the caller but the one in use. */
export async function endOtherOwnSessions(deps: ServiceDeps, staff: StaffSessionActor, meta: RequestMeta) {
  return deps.db.transaction().execute(async (trx) => {
    const revoked = await revokeUserSessions(
      trx,
      "staff",
      staff.staffId,
      "ended_by_user",
      deps.now(),
      staff.sessionId,
    );
    if (revoked > 0)
      await recordAudit(trx, actorOf(staff), meta, {
        action: "session.others_revoked",
        subjectType: "staff_user",
        subjectId: staff.staffId,
        after: { user: staff.name, sessionsRevoked: revoked },
      });
    return { sessionsRevoked: revoked };
  });
}
