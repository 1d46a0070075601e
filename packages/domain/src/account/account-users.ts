import { z } from "zod";
import { Email, Password, PersonName } from "../auth/credentials.ts";
import type { CustomerRole } from "../auth/roles.ts";

/**
 * Account users management: the owner and admins list the account's users, invite by email, change
 * roles and remove users; members only use the account. The
 * rules of who may do what need no database, so they live here and both the services and the
 * portal read them: the portal only offers what the service will accept.
 */

/** Roles an invitation or a role change can give: the owner is never invited, made or unmade here. */
export const InvitableRole = z.enum(["admin", "member"], "Choose admin or member");
export type InvitableRole = z.infer<typeof InvitableRole>;
export const INVITABLE_ROLES: readonly InvitableRole[] = InvitableRole.options;

/** Why an invitation stopped being usable before anyone accepted it. */
export const InvitationEndedReason = z.enum(["revoked", "replaced", "inviter_removed"]);
export type InvitationEndedReason = z.infer<typeof InvitationEndedReason>;

/** Invitations are usable for seven days. */
export const INVITATION_TTL_DAYS = 7;

export const AccountUserId = z.uuid("Unknown user");
export const InvitationId = z.uuid("Unknown invitation");

/** The raw token from the emailed link: 256 bits, base64url. */
export const InvitationToken = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is malformed; ask for a new invitation");

export const InviteAccountUserInput = z.object({ email: Email, role: InvitableRole });
export type InviteAccountUserInput = z.infer<typeof InviteAccountUserInput>;

export const RevokeInvitationInput = z.object({ invitationId: InvitationId });
export type RevokeInvitationInput = z.infer<typeof RevokeInvitationInput>;

export const ChangeAccountUserRoleInput = z.object({ userId: AccountUserId, role: InvitableRole });
export type ChangeAccountUserRoleInput = z.infer<typeof ChangeAccountUserRoleInput>;

export const RemoveAccountUserInput = z.object({ userId: AccountUserId });
export type RemoveAccountUserInput = z.infer<typeof RemoveAccountUserInput>;

export const AcceptInvitationInput = z.object({
  token: InvitationToken,
  name: PersonName,
  password: Password,
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;

/** Owners and admins manage the account's users (and its API keys); members don't. */
export function canManageAccountUsers(role: CustomerRole): boolean {
  return role === "owner" || role === "admin";
}

interface Manager {
  userId: string;
  role: CustomerRole;
}
interface Target {
  id: string;
  role: CustomerRole;
}

/**
 * Why `manager` may not give `target` the role `to` — or null when allowed. Nobody changes the
 * owner's role or their own; only the owner makes or unmakes admins (so an admin cannot promote
 * a member to their own level, nor demote a fellow admin).
 */
export function roleChangeRefusal(manager: Manager, target: Target, to: InvitableRole): string | null {
  if (!canManageAccountUsers(manager.role)) return MANAGERS_ONLY;
  if (target.role === "owner") return "The owner's role can't be changed.";
  if (target.id === manager.userId) return "You can't change your own role. Ask the account's owner.";
  if ((target.role === "admin" || to === "admin") && manager.role !== "owner")
    return "Only the account's owner can make someone an admin or change an admin's role.";
  return null;
}

/** Why `manager` may not remove `target` — or null. Only the owner removes admins. */
export function removalRefusal(manager: Manager, target: Target): string | null {
  if (!canManageAccountUsers(manager.role)) return MANAGERS_ONLY;
  if (target.role === "owner") return "The account's owner can't be removed.";
  if (target.id === manager.userId) return "You can't remove yourself. Ask the account's owner.";
  if (target.role === "admin" && manager.role !== "owner")
    return "Only the account's owner can remove an admin.";
  return null;
}

/** Only the owner may invite admins; admins invite members. */
export function invitationRefusal(manager: { role: CustomerRole }, role: InvitableRole): string | null {
  if (!canManageAccountUsers(manager.role)) return MANAGERS_ONLY;
  if (role === "admin" && manager.role !== "owner") return "Only the account's owner can invite an admin.";
  return null;
}

export const MANAGERS_ONLY = "Only the account's owner or an admin can manage its users.";
