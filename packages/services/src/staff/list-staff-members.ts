import { type StaffRole, type StaffStatus, staffStatusOf } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import type { StaffAdminActor } from "./staff-admin-access.ts";

export interface StaffMemberRow {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  status: Exclude<StaffStatus, "invited">;
  lastSignInAt: Date | null;
  createdAt: Date;
  disabledAt: Date | null;
  isYou: boolean;
}

export interface StaffInvitationRow {
  id: string;
  email: string;
  name: string | null;
  role: StaffRole;
  status: "invited";
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
}

/**
 * The roster for the Staff page: every colleague (active first, then by name) with role, status and
 * last sign-in, and the open invitations (an expired one stays listed until replaced or revoked, so
 * the admin sees it needs sending again). The router checks `staff.manage`.
 */
export async function listStaffMembers(deps: ServiceDeps, actor: StaffAdminActor) {
  const now = deps.now();
  const [members, invitations] = await Promise.all([
    deps.db
      .selectFrom("staff_users")
      .select([
        "id",
        "name",
        "email",
        "role",
        "disabled_at",
        "totp_enabled_at",
        "last_sign_in_at",
        "created_at",
      ])
      .orderBy((eb) => eb("disabled_at", "is not", null))
      .orderBy("name")
      .orderBy("id")
      .execute(),
    deps.db
      .selectFrom("staff_invitations as i")
      .leftJoin("staff_users as s", "s.id", "i.invited_by_staff_id")
      .select(["i.id", "i.email", "i.name", "i.role", "i.created_at", "i.expires_at", "s.name as invited_by"])
      .where("i.accepted_at", "is", null)
      .where("i.ended_at", "is", null)
      .orderBy("i.created_at", "desc")
      .execute(),
  ]);
  return {
    members: members.map(
      (m): StaffMemberRow => ({
        id: m.id,
        name: m.name,
        email: m.email,
        role: m.role,
        status: staffStatusOf({ disabledAt: m.disabled_at, totpEnabledAt: m.totp_enabled_at }),
        lastSignInAt: m.last_sign_in_at,
        createdAt: m.created_at,
        disabledAt: m.disabled_at,
        isYou: m.id === actor.staffId,
      }),
    ),
    invitations: invitations.map(
      (i): StaffInvitationRow => ({
        id: i.id,
        email: i.email,
        name: i.name,
        role: i.role,
        status: "invited",
        invitedBy: i.invited_by,
        createdAt: i.created_at,
        expiresAt: i.expires_at,
        expired: i.expires_at <= now,
      }),
    ),
  };
}
