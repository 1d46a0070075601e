import type { Db } from "@trustdesk/db";
import type { CustomerRole } from "@trustdesk/domain";
import type { AccountUserActor } from "../../src/index.ts";
import { hashPassword } from "../../src/security/passwords.ts";
import { makeAccount } from "../support/fixtures.ts";

export const PASSWORD = "a-long-enough-password";
let passwordHash: string | null = null;
let n = 0;

/** A user of `accountId` with a real password (PASSWORD) and one live session. */
export async function makeUser(db: Db, accountId: string, role: CustomerRole, name?: string) {
  n += 1;
  passwordHash ??= await hashPassword(PASSWORD, true);
  const user = await db
    .insertInto("customer_users")
    .values({
      account_id: accountId,
      email: `${role}${n}.${Date.now()}@team.example`,
      name: name ?? `${role[0]?.toUpperCase()}${role.slice(1)} ${n}`,
      role,
      password_hash: passwordHash,
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      last_sign_in_at: null,
    })
    .returning(["id", "email", "name"])
    .executeTakeFirstOrThrow();
  await db
    .insertInto("sessions")
    .values({
      token_hash: Buffer.from(crypto.getRandomValues(new Uint8Array(32))),
      realm: "customer",
      customer_user_id: user.id,
      staff_user_id: null,
      stage: "full",
      expires_at: new Date(Date.now() + 86_400_000),
      ip: null,
      user_agent: null,
      revoked_at: null,
      revoked_reason: null,
    })
    .execute();
  const actor: AccountUserActor = { userId: user.id, accountId, role };
  return { ...user, actor };
}

/** An account with its owner (as an actor), an admin and a member. */
export async function makeTeam(db: Db) {
  const account = await makeAccount(db, "Team");
  await db
    .updateTable("customer_users")
    .set({ password_hash: await ownerHash() })
    .where("id", "=", account.ownerId)
    .execute();
  const owner: AccountUserActor = { userId: account.ownerId, accountId: account.accountId, role: "owner" };
  const admin = await makeUser(db, account.accountId, "admin");
  const member = await makeUser(db, account.accountId, "member");
  return { accountId: account.accountId, owner, ownerEmail: account.ownerEmail, admin, member };
}

async function ownerHash() {
  passwordHash ??= await hashPassword(PASSWORD, true);
  return passwordHash;
}

/** The raw token of the newest invitation link mailed to `email` (from the outbox, as the mail reader would). */
export async function invitationTokenFor(db: Db, email: string): Promise<string> {
  const mail = await db
    .selectFrom("mail_outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .where("template", "=", "account_invitation")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const match = /invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(mail.text_body);
  if (!match?.[1]) throw new Error("no invitation link in the mail");
  return match[1];
}
