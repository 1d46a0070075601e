import type { Executor } from "@trustdesk/db";
import { type CustomerRole, canManageAccountUsers, DomainError, MANAGERS_ONLY } from "@trustdesk/domain";
import { sql } from "kysely";
import type { Actor } from "../audit/audit-actor.ts";

/** The signed-in customer acting on their own account's users (the account comes from the session). */
export interface AccountUserActor {
  userId: string;
  accountId: string;
  role: CustomerRole;
}

export const USER_NOT_FOUND = "We couldn't find that user on your account.";

export function auditActor(actor: AccountUserActor): Actor {
  return { type: "customer", userId: actor.userId, accountId: actor.accountId };
}

/** Refuses members before any work: only owners and admins manage users. */
export function requireManager(role: CustomerRole): void {
  if (!canManageAccountUsers(role)) throw new DomainError("FORBIDDEN", MANAGERS_ONLY);
}

/**
 * Serialises every change to one account's users and invitations (invite, accept, role change,
 * removal): each use case reads, checks and writes under this lock, so two admins acting at once
 * — or a removal racing an acceptance — can never both pass a check the other makes false.
 * Transaction-scoped, so a crash or rollback releases it.
 */
export async function lockAccountUsers(trx: Executor, accountId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`account-users:${accountId}`}, 0))`.execute(trx);
}

/**
 * The caller as the database sees them now, under the lock: the role in the session's request may
 * be stale (demoted or removed a moment ago by someone else).
 */
export async function loadManager(trx: Executor, actor: AccountUserActor) {
  const me = await trx
    .selectFrom("customer_users as u")
    .innerJoin("accounts as a", "a.id", "u.account_id")
    .select(["u.id", "u.name", "u.role", "a.name as account_name"])
    .where("u.id", "=", actor.userId)
    .where("u.account_id", "=", actor.accountId)
    .where("u.removed_at", "is", null)
    .executeTakeFirst();
  if (!me) throw new DomainError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  requireManager(me.role);
  return { userId: me.id, name: me.name, role: me.role, accountName: me.account_name };
}

/**
 * A current user of the caller's account. Another account's user id, a removed user's id and an
 * unknown id all answer the same NOT_FOUND, so ids cannot be probed across accounts.
 */
export async function findAccountUser(trx: Executor, accountId: string, userId: string) {
  const user = await trx
    .selectFrom("customer_users")
    .select(["id", "name", "email", "role", "removed_at"])
    .where("id", "=", userId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  if (!user) throw new DomainError("NOT_FOUND", USER_NOT_FOUND);
  return user;
}
