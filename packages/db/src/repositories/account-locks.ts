import type { Executor } from "./executor.ts";

/**
 * Serializes, until the end of the caller's transaction, every use case that changes one account's
 * enforcement state (compromise reports, exposures, manual enforcements, lifts, vetting decisions).
 * Take it FIRST, before reading what the decision depends on: a second caller waits here and then
 * sees the first one's committed rows, so "check, then insert" holds under concurrency.
 *
 * Why a row lock on `accounts` rather than `pg_advisory_xact_lock(hashtextextended(...))`:
 * - it doubles as the existence check (no row → `false`), in the same statement;
 * - it cannot collide with another lock space (an advisory key is a 64-bit hash shared by every
 *   feature that ever takes one), and it shows up in `pg_locks` against the `accounts` table;
 * - `FOR NO KEY UPDATE` (not `FOR UPDATE`) conflicts with itself but not with the `FOR KEY SHARE`
 *   that foreign-key checks take, so inserting a ticket, session or API key for the account is
 *   never blocked by an enforcement in flight.
 *
 * Returns whether the account exists.
 */
export async function lockAccount(trx: Executor, accountId: string): Promise<boolean> {
  const row = await trx
    .selectFrom("accounts")
    .select("id")
    .where("id", "=", accountId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Locks several accounts in one fixed order (by id), so two transactions that need the same
 * accounts can never wait on each other in a cycle (a ticket carrying keys of two accounts).
 */
export async function lockAccounts(trx: Executor, accountIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(accountIds)].sort()) await lockAccount(trx, id);
}
