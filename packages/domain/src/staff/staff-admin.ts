import { z } from "zod";
import { Email, Password, PersonName, TotpCode } from "../auth/credentials.ts";
import { StaffRole } from "../auth/roles.ts";

/**
 * Staff administration: admins invite colleagues, change their roles, deactivate and reactivate
 * them and reset their second factor; every staff member manages their own password, recovery
 * codes and sessions. The rules that need no database (who may lose the admin role) live here.
 */

/** Staff invitations work for three days: a colleague is expected the same week, not next month. */
export const STAFF_INVITATION_TTL_DAYS = 3;

/** Why a staff invitation stopped being usable before anyone accepted it. */
export const StaffInvitationEndedReason = z.enum(["revoked", "replaced", "inviter_deactivated"]);
export type StaffInvitationEndedReason = z.infer<typeof StaffInvitationEndedReason>;

/** What the staff list shows for each person or open invitation. */
export const StaffStatus = z.enum(["active", "invited", "deactivated", "totp_pending"]);
export type StaffStatus = z.infer<typeof StaffStatus>;

export const StaffId = z.uuid("Unknown staff member");
export const StaffInvitationId = z.uuid("Unknown invitation");
export const StaffSessionId = z.uuid("Unknown session");

const RoleChoice = z.enum(StaffRole.options, "Choose a role");

/** The raw token from the emailed link: 256 bits, base64url. */
export const StaffInvitationToken = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is malformed; ask an admin for a new invitation");

export const InviteStaffMemberInput = z.object({
  email: Email,
  role: RoleChoice,
  /** Optional: the invitee types their own name when they accept; this only pre-fills it. */
  name: PersonName.optional(),
});
export type InviteStaffMemberInput = z.infer<typeof InviteStaffMemberInput>;

export const AcceptStaffInvitationInput = z.object({
  token: StaffInvitationToken,
  name: PersonName,
  password: Password,
});
export type AcceptStaffInvitationInput = z.infer<typeof AcceptStaffInvitationInput>;

export const StaffInvitationLookupInput = z.object({ token: StaffInvitationToken });
export type StaffInvitationLookupInput = z.infer<typeof StaffInvitationLookupInput>;

export const ChangeStaffRoleInput = z.object({ staffId: StaffId, role: RoleChoice });
export type ChangeStaffRoleInput = z.infer<typeof ChangeStaffRoleInput>;

/** Deactivate, reactivate, reset 2FA: one person, named by id. */
export const StaffMemberInput = z.object({ staffId: StaffId });
export type StaffMemberInput = z.infer<typeof StaffMemberInput>;

export const RevokeStaffInvitationInput = z.object({ invitationId: StaffInvitationId });
export type RevokeStaffInvitationInput = z.infer<typeof RevokeStaffInvitationInput>;

/** Re-authentication for new recovery codes: a current code from the authenticator. */
export const RegenerateRecoveryCodesInput = z.object({ code: TotpCode });
export type RegenerateRecoveryCodesInput = z.infer<typeof RegenerateRecoveryCodesInput>;

export const EndStaffSessionInput = z.object({ sessionId: StaffSessionId });
export type EndStaffSessionInput = z.infer<typeof EndStaffSessionInput>;

export function staffStatusOf(member: {
  disabledAt: Date | null;
  totpEnabledAt: Date | null;
}): Exclude<StaffStatus, "invited"> {
  if (member.disabledAt) return "deactivated";
  return member.totpEnabledAt ? "active" : "totp_pending";
}

export const LAST_ADMIN_REFUSAL =
  "is the last active admin. Make someone else an admin first, so the team can never be locked out of staff administration.";

/**
 * Why a change that takes `target` out of the active admins must be refused — or null. The count is
 * of active admins *before* the change, read under the staff-administration lock.
 */
export function lastAdminRefusal(
  target: { name: string; role: StaffRole; disabled: boolean },
  after: { role: StaffRole; disabled: boolean },
  activeAdmins: number,
): string | null {
  const isActiveAdmin = target.role === "admin" && !target.disabled;
  const staysActiveAdmin = after.role === "admin" && !after.disabled;
  if (isActiveAdmin && !staysActiveAdmin && activeAdmins <= 1) return `${target.name} ${LAST_ADMIN_REFUSAL}`;
  return null;
}
