import type { StaffSessionActor } from "../auth/resolve-staff-actor.ts";
import type { ServiceDeps } from "../deps.ts";

/** Where the signed-in colleague is signed in: device, address and last use; the current one marked. */
export async function listOwnSessions(deps: ServiceDeps, staff: StaffSessionActor) {
  const rows = await deps.db
    .selectFrom("sessions")
    .select(["id", "stage", "created_at", "last_seen_at", "ip", "user_agent"])
    .where("staff_user_id", "=", staff.staffId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", deps.now())
    .orderBy("last_seen_at", "desc")
    .limit(100)
    .execute();
  return rows.map((s) => ({
    id: s.id,
    stage: s.stage,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    ip: s.ip,
    userAgent: s.user_agent,
    current: s.id === staff.sessionId,
  }));
}
