import { DomainError, type StaffRole } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import type { ActiveSession } from "./resolve-session.ts";

export interface StaffSessionActor {
  staffId: string;
  role: StaffRole;
  name: string;
  sessionId: string;
}

const SIGN_IN_AGAIN = "Your session has ended. Sign in again.";

/**
 * The staff member behind a fully signed-in session, read again on every request: a member who was
 * disabled (or whose role changed) since signing in is judged by what the table says now.
 */
export async function resolveStaffActor(
  deps: ServiceDeps,
  session: ActiveSession,
): Promise<StaffSessionActor> {
  if (session.realm !== "staff") throw new DomainError("FORBIDDEN", "This is for Trustdesk staff only.");
  if (session.stage !== "full") {
    throw new DomainError("SECOND_FACTOR_REQUIRED", "Finish signing in with your authenticator code.");
  }
  const staff = await deps.db
    .selectFrom("staff_users")
    .select(["id", "role", "name"])
    .where("id", "=", session.userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!staff) throw new DomainError("UNAUTHENTICATED", SIGN_IN_AGAIN);
  return { staffId: staff.id, role: staff.role, name: staff.name, sessionId: session.id };
}
