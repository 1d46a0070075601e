import { randomBytes } from "node:crypto";
import type { Db } from "@trustdesk/db";
import { DomainError, type StaffRole } from "@trustdesk/domain";
import { defaultServiceConfig, issueApiKey, type ServiceDeps } from "../../src/index.ts";

export function testDeps(db: Db, now: () => Date = () => new Date()): ServiceDeps {
  return {
    db,
    now,
    config: {
      ...defaultServiceConfig,
      secretKey: "services-test-secret-key-0123456789abcdef",
      publicUrl: "https://portal.example",
      fastPasswordHashing: true,
    },
  };
}

let n = 0;

/** An account with its owner, a live session and one API key whose full key string is returned. */
export async function makeAccount(db: Db, name = "Acme") {
  // Local: the counter moves on while this call awaits (fixtures are also made in parallel).
  const i = ++n;
  const account = await db
    .insertInto("accounts")
    .values({ name: `${name} ${i}`, website: null, country: null, signup_ip: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const owner = await db
    .insertInto("customer_users")
    .values({
      account_id: account.id,
      email: `owner${i}@acme${i}.example`,
      name: "Owner",
      role: "owner",
      password_hash: "not-used",
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      last_sign_in_at: null,
    })
    .returning(["id", "email"])
    .executeTakeFirstOrThrow();
  await db
    .insertInto("sessions")
    .values({
      token_hash: randomBytes(32),
      realm: "customer",
      customer_user_id: owner.id,
      staff_user_id: null,
      stage: "full",
      expires_at: new Date(Date.now() + 86_400_000),
      ip: null,
      user_agent: null,
      revoked_at: null,
      revoked_reason: null,
    })
    .execute();
  const key = await makeApiKey(db, account.id, "Production sender");
  return { accountId: account.id, ownerId: owner.id, ownerEmail: owner.email, key };
}

export async function makeApiKey(db: Db, accountId: string, name: string, createdAt?: Date) {
  const issued = await issueApiKey(db, {
    accountId,
    name,
    createdByUserId: null,
    ...(createdAt ? { createdAt } : {}),
  });
  return { id: issued.id, keyId: issued.keyId, secret: issued.key.slice(26), full: issued.key };
}

export async function makeStaff(db: Db, role: StaffRole) {
  const i = ++n;
  const row = await db
    .insertInto("staff_users")
    .values({
      email: `${role}${i}@trustdesk.test`,
      name: `${role} ${i}`,
      role,
      password_hash: "not-used",
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      last_sign_in_at: null,
      disabled_at: null,
    })
    .returning(["id", "role"])
    .executeTakeFirstOrThrow();
  return { type: "staff" as const, staffId: row.id, role: row.role };
}

export async function standing(db: Db, accountId: string) {
  return (
    await db
      .selectFrom("account_standing")
      .select("state")
      .where("account_id", "=", accountId)
      .executeTakeFirstOrThrow()
  ).state;
}

/** A service token row for a detector (reports are idempotent per token). */
export async function makeServiceToken(db: Db, name = "detector") {
  const row = await db
    .insertInto("service_tokens")
    .values({
      name,
      token_prefix: "tdsvc_x",
      token_hash: randomBytes(32),
      scopes: ["compromise:write", "exposure:write"],
      created_by: "test",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { type: "service" as const, name, tokenId: row.id };
}

/**
 * The owner did the account-takeover recovery after the suspension: new password, second factor,
 * every key revoked (sessions were revoked by the report). What the four-eyes lift is judged on.
 */
export async function completeTakeoverRecovery(db: Db, acct: { accountId: string; ownerId: string }) {
  const later = new Date(Date.now() + 60_000);
  await db
    .updateTable("customer_users")
    .set({ password_changed_at: later, totp_enabled_at: later })
    .where("id", "=", acct.ownerId)
    .execute();
  await db
    .updateTable("api_keys")
    .set({ revoked_at: later, revoked_reason: "rotated" })
    .where("account_id", "=", acct.accountId)
    .where("revoked_at", "is", null)
    .execute();
}

/**
 * Awaits every call and sorts the answers: values, and errors — which must all be DomainErrors
 * (a caller's mistake or a lost race, answered with a code), never a raw database error.
 */
export async function settle<T>(calls: Array<Promise<T>>) {
  const results = await Promise.allSettled(calls);
  const values: T[] = [];
  const errors: DomainError[] = [];
  for (const r of results) {
    if (r.status === "fulfilled") values.push(r.value);
    else if (r.reason instanceof DomainError) errors.push(r.reason);
    else throw new Error(`a call failed with a raw error: ${String(r.reason)}`, { cause: r.reason });
  }
  return { values, errors };
}

/** Rows of one account, counted from the database. */
export async function enforcementState(db: Db, accountId: string) {
  const [enforcements, cases, reports, exposures] = await Promise.all([
    db
      .selectFrom("enforcements")
      .select(["id", "reason", "status"])
      .where("account_id", "=", accountId)
      .execute(),
    db.selectFrom("cases").select(["id", "reason", "status"]).where("account_id", "=", accountId).execute(),
    db.selectFrom("compromise_reports").select("id").where("account_id", "=", accountId).execute(),
    db.selectFrom("credential_exposures").select("id").where("account_id", "=", accountId).execute(),
  ]);
  const active = (reason: string) => enforcements.filter((e) => e.reason === reason && e.status === "active");
  const open = (reason: string) => cases.filter((c) => c.reason === reason && c.status === "open");
  return { enforcements, cases, reports, exposures, active, open };
}

/** Mails written to one address, optionally of one template. */
export async function mailsTo(db: Db, to: string, template?: string) {
  let q = db
    .selectFrom("mail_outbox")
    .select(["template", "subject", "text_body"])
    .where("to_address", "=", to);
  if (template) q = q.where("template", "=", template);
  return q.execute();
}
