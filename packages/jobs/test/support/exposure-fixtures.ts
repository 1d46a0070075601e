import type { Db } from "@trustdesk/db";
import { defaultServiceConfig, issueApiKey, type ServiceDeps } from "@trustdesk/services";

export function scanDeps(db: Db): ServiceDeps {
  return {
    db,
    now: () => new Date(),
    config: {
      ...defaultServiceConfig,
      secretKey: "jobs-test-secret-key-0123456789abcdef",
      publicUrl: "https://portal.example",
    },
  };
}

let n = 0;
/** An account with its owner and one issued key (the full key string is returned, for planting). */
export async function accountWithKey(db: Db, name = "Leaky") {
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
      email: `owner${i}@leaky${i}.example`,
      name: "Owner",
      role: "owner",
      password_hash: "not-used",
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      last_sign_in_at: null,
    })
    .returning("email")
    .executeTakeFirstOrThrow();
  const key = await issueApiKey(db, {
    accountId: account.id,
    name: "Production sender",
    createdByUserId: null,
  });
  return {
    accountId: account.id,
    ownerEmail: owner.email,
    keyId: key.keyId,
    full: key.key,
    secret: key.key.slice(26),
  };
}

/**
 * Every row of every table of the database as text: what a dump would hold. A test greps it for
 * secrets that must never be stored.
 */
export async function dumpDatabase(db: Db): Promise<string> {
  const tables = await db.introspection.getTables();
  const parts: string[] = [];
  for (const table of tables) {
    if (table.isView || table.schema !== "public") continue;
    const rows = await db
      .selectFrom(table.name as never)
      .selectAll()
      .execute();
    parts.push(JSON.stringify(rows));
  }
  return parts.join("\n");
}

/** A key of our format that was never issued. */
export function unissuedKey(seed: string): string {
  const pad = (s: string, len: number) => s.repeat(Math.ceil(len / s.length)).slice(0, len);
  return `SG.${pad(`${seed}Id`, 22)}.${pad(`${seed}Secret_`, 43)}`;
}
