import type { SessionRealm } from "@trustdesk/domain";
import { sql } from "kysely";
import type { Executor } from "./executor.ts";

/**
 * Customers and staff are separate tables (separate realms) with the same credential columns;
 * these helpers work on either, chosen by realm, so lockout and TOTP rules are written once.
 */
export function userTable(realm: SessionRealm) {
  return realm === "customer" ? ("customer_users" as const) : ("staff_users" as const);
}

export interface UserCredentials {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  password_changed_at: Date;
  totp_secret_enc: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
  failed_sign_ins: number;
  locked_until: Date | null;
}

const CREDENTIAL_COLUMNS = [
  "id",
  "email",
  "name",
  "role",
  "password_hash",
  "password_changed_at",
  "totp_secret_enc",
  "totp_enabled_at",
  "totp_last_step",
  "failed_sign_ins",
  "locked_until",
] as const;

export async function findUserCredentialsByEmail(db: Executor, realm: SessionRealm, email: string) {
  if (realm === "customer") {
    return (await db
      .selectFrom("customer_users")
      .select(CREDENTIAL_COLUMNS)
      .where("email", "=", email)
      // A user removed from their account can no longer sign in (their row stays for history).
      .where("removed_at", "is", null)
      .executeTakeFirst()) as UserCredentials | undefined;
  }
  return (await db
    .selectFrom("staff_users")
    .select(CREDENTIAL_COLUMNS)
    .where("email", "=", email)
    .where("disabled_at", "is", null)
    .executeTakeFirst()) as UserCredentials | undefined;
}

export async function findUserCredentialsById(
  db: Executor,
  realm: SessionRealm,
  id: string,
  forUpdate = false,
) {
  if (realm === "customer") {
    let q = db
      .selectFrom("customer_users")
      .select(CREDENTIAL_COLUMNS)
      .where("id", "=", id)
      .where("removed_at", "is", null);
    if (forUpdate) q = q.forUpdate();
    return (await q.executeTakeFirst()) as UserCredentials | undefined;
  }
  let q = db
    .selectFrom("staff_users")
    .select(CREDENTIAL_COLUMNS)
    .where("id", "=", id)
    .where("disabled_at", "is", null);
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as UserCredentials | undefined;
}

/**
 * Stores the lockout state a service computed (`afterFailedAttempt` in domain) with its own clock:
 * the lock is written and compared against one clock, and the policy lives in one place.
 */
export async function storeLockoutState(
  db: Executor,
  realm: SessionRealm,
  userId: string,
  state: { failedSignIns: number; lockedUntil: Date | null },
) {
  await sql`update ${sql.table(userTable(realm))}
               set failed_sign_ins = ${state.failedSignIns}, locked_until = ${state.lockedUntil}
             where id = ${userId}`.execute(db);
}

export async function recordSuccessfulSignIn(db: Executor, realm: SessionRealm, userId: string, now: Date) {
  await sql`update ${sql.table(userTable(realm))} set failed_sign_ins = 0, locked_until = null, last_sign_in_at = ${now} where id = ${userId}`.execute(
    db,
  );
}

export async function updatePasswordHash(
  db: Executor,
  realm: SessionRealm,
  userId: string,
  hash: string,
  now: Date,
) {
  await sql`update ${sql.table(userTable(realm))}
               set password_hash = ${hash}, password_changed_at = ${now}, failed_sign_ins = 0, locked_until = null
             where id = ${userId}`.execute(db);
}

export async function setTotpSecret(
  db: Executor,
  realm: SessionRealm,
  userId: string,
  sealed: string | null,
  enabledAt: Date | null,
) {
  await sql`update ${sql.table(userTable(realm))}
               set totp_secret_enc = ${sealed}, totp_enabled_at = ${enabledAt}, totp_last_step = null
             where id = ${userId}`.execute(db);
}

/** Stores the last accepted TOTP step only if it moves forward: two racing requests can't both use one code. */
export async function advanceTotpStep(
  db: Executor,
  realm: SessionRealm,
  userId: string,
  step: number,
): Promise<boolean> {
  const r = await sql`update ${sql.table(userTable(realm))}
                         set totp_last_step = ${step}
                       where id = ${userId} and (totp_last_step is null or totp_last_step < ${step})`.execute(
    db,
  );
  return Number(r.numAffectedRows ?? 0n) === 1;
}

export async function replaceRecoveryCodes(
  db: Executor,
  realm: SessionRealm,
  userId: string,
  hashes: Buffer[],
) {
  const column = realm === "customer" ? "customer_user_id" : "staff_user_id";
  await db.deleteFrom("recovery_codes").where(column, "=", userId).execute();
  if (hashes.length === 0) return;
  await db
    .insertInto("recovery_codes")
    .values(
      hashes.map((code_hash) => ({
        code_hash,
        customer_user_id: realm === "customer" ? userId : null,
        staff_user_id: realm === "staff" ? userId : null,
      })),
    )
    .execute();
}

/** Marks a matching unused recovery code used; true if there was one. */
export async function consumeRecoveryCode(
  db: Executor,
  realm: SessionRealm,
  userId: string,
  hash: Buffer,
  now: Date,
) {
  const column = realm === "customer" ? "customer_user_id" : "staff_user_id";
  const r = await db
    .updateTable("recovery_codes")
    .set({ used_at: now })
    .where(column, "=", userId)
    .where("code_hash", "=", hash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, realm: SessionRealm, userId: string) {
  const column = realm === "customer" ? "customer_user_id" : "staff_user_id";
  const r = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where(column, "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Current (not removed) owners and admins of an account: who is told about what happens to it.
 * Mail recipients should come from here, so that a removed admin is never written to again.
 */
export function listAccountManagerEmails(db: Executor, accountId: string) {
  return db
    .selectFrom("customer_users")
    .select(["id", "email", "name", "role"])
    .where("account_id", "=", accountId)
    .where("role", "in", ["owner", "admin"])
    .where("removed_at", "is", null)
    .execute();
}
