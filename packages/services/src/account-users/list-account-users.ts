import { INVITABLE_ROLES, invitationRefusal, removalRefusal, roleChangeRefusal } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { type AccountUserActor, requireManager } from "./account-user-access.ts";

/**
 * The account's current users and its open invitations, for owners and admins. Each user carries
 * what the caller may do to them (from the domain's rules), so the portal offers only what the
 * service will accept. Removed users are history: they are not listed.
 */
export async function listAccountUsers(deps: ServiceDeps, actor: AccountUserActor) {
  requireManager(actor.role);
  const now = deps.now();
  const [users, invitations] = await Promise.all([
    deps.db
      .selectFrom("customer_users")
      .select(["id", "name", "email", "role", "last_sign_in_at", "totp_enabled_at", "created_at"])
      .where("account_id", "=", actor.accountId)
      .where("removed_at", "is", null)
      .orderBy("created_at")
      .execute(),
    deps.db
      .selectFrom("account_invitations as i")
      .leftJoin("customer_users as u", "u.id", "i.invited_by_user_id")
      .select(["i.id", "i.email", "i.role", "i.created_at", "i.expires_at", "u.name as invited_by"])
      .where("i.account_id", "=", actor.accountId)
      .where("i.accepted_at", "is", null)
      .where("i.ended_at", "is", null)
      .orderBy("i.created_at", "desc")
      .execute(),
  ]);
  const manager = { userId: actor.userId, role: actor.role };
  return {
    users: users.map((u) => {
      const target = { id: u.id, role: u.role };
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        role: u.role,
        lastSignInAt: u.last_sign_in_at,
        twoFactorEnabled: u.totp_enabled_at !== null,
        createdAt: u.created_at,
        isYou: u.id === actor.userId,
        /** The roles the caller may give this user (their current one included when it is one). */
        roleOptions: INVITABLE_ROLES.filter((r) => roleChangeRefusal(manager, target, r) === null),
        canRemove: removalRefusal(manager, target) === null,
      };
    }),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedBy: i.invited_by,
      createdAt: i.created_at,
      expiresAt: i.expires_at,
      expired: i.expires_at <= now,
    })),
    /** Roles the caller may invite: the owner invites admins and members, an admin members. */
    invitableRoles: INVITABLE_ROLES.filter((r) => invitationRefusal(actor, r) === null),
  };
}
