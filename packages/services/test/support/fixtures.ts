import { randomBytes } from "node:crypto";
import type { Db } from "@trustdesk/db";
import type { StaffRole } from "@trustdesk/domain";
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
  n += 1;
  const account = await db
    .insertInto("accounts")
    .values({ name: `${name} ${n}`, website: null, country: null, signup_ip: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const owner = await db
    .insertInto("customer_users")
    .values({
      account_id: account.id,
      email: `owner${n}@acme${n}.example`,
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
  n += 1;
  const row = await db
    .insertInto("staff_users")
    .values({
      email: `${role}${n}@trustdesk.test`,
      name: `${role} ${n}`,
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
