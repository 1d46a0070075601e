import type { Executor } from "@trustdesk/db";
import { DomainError, type StaffRole, staffCan } from "@trustdesk/domain";
import { sql } from "kysely";
import type { Actor } from "../audit/audit-actor.ts";

/** The admin acting, as the session named them (the role is re-read under the lock). */
export interface StaffAdminActor {
  staffId: string;
  role: StaffRole;
}

export const STAFF_NOT_FOUND = "We couldn't find that colleague.";

export function auditActor(actor: StaffAdminActor): Actor {
  return { type: "staff", staffId: actor.staffId, role: actor.role };
}

/**
 * Serialises every change to the staff roster (invite, accept, role change, deactivate, reactivate,
 * 2FA reset, revoke): each use case reads, checks and writes under this one lock, so two admins
 * demoting each other at once can never both see "another admin remains", and an acceptance cannot
 * race the invitation that replaces it. One lock for the whole roster is fine: staff changes are
 * rare and quick. Transaction-scoped, so a crash or rollback releases it.
 */
export async function lockStaffAdministration(trx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('staff-administration', 0))`.execute(trx);
}

/**
 * The caller as the database sees them now, under the lock: demoted or deactivated a moment ago by
 * another admin, they may no longer act.
 */
export async function loadStaffAdmin(trx: Executor, actor: StaffAdminActor) {
  const me = await trx
    .selectFrom("staff_users")
    .select(["id", "name", "role"])
    .where("id", "=", actor.staffId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!me) throw new DomainError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (!staffCan(me.role, "staff.manage"))
    throw new DomainError("FORBIDDEN", "Only an admin can manage staff. Ask an admin.");
  return { staffId: me.id, name: me.name, role: me.role };
}

export async function countActiveAdmins(trx: Executor): Promise<number> {
  const r = await trx
    .selectFrom("staff_users")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One colleague, row-locked for the change. An unknown id answers NOT_FOUND. */
export async function findStaffMember(trx: Executor, staffId: string) {
  const member = await trx
    .selectFrom("staff_users")
    .select(["id", "name", "email", "role", "disabled_at", "totp_enabled_at", "totp_secret_enc"])
    .where("id", "=", staffId)
    .forUpdate()
    .executeTakeFirst();
  if (!member) throw new DomainError("NOT_FOUND", STAFF_NOT_FOUND);
  return member;
}
