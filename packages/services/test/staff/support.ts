import { randomBytes } from "node:crypto";
import type { Db } from "@trustdesk/db";
import type { StaffRole } from "@trustdesk/domain";
import { generate, generateSecret } from "otplib";
import type { StaffSessionActor } from "../../src/index.ts";
import { hashPassword } from "../../src/security/passwords.ts";
import { sealSecret } from "../../src/security/secret-box.ts";
import { testDeps } from "../support/fixtures.ts";

export const STAFF_PASSWORD = "staff-password-long-enough";
let passwordHash: string | null = null;
let n = 0;

/**
 * A colleague with a real password, an enrolled authenticator (its secret returned) and one live,
 * fully signed-in session: what the staff middleware would hand a use case.
 */
export async function makeColleague(db: Db, role: StaffRole, name?: string) {
  const i = ++n;
  passwordHash ??= await hashPassword(STAFF_PASSWORD, true);
  const secret = generateSecret();
  const key = testDeps(db).config.secretKey;
  const staff = await db
    .insertInto("staff_users")
    .values({
      email: `${role}.${i}.${Date.now()}@staff.example`,
      name: name ?? `${role} colleague ${i}`,
      role,
      password_hash: passwordHash,
      totp_secret_enc: sealSecret(key, secret),
      totp_enabled_at: new Date(),
      totp_last_step: null,
      locked_until: null,
      last_sign_in_at: null,
      disabled_at: null,
    })
    .returning(["id", "email", "name", "role"])
    .executeTakeFirstOrThrow();
  const session = await db
    .insertInto("sessions")
    .values({
      token_hash: randomBytes(32),
      realm: "staff",
      customer_user_id: null,
      staff_user_id: staff.id,
      stage: "full",
      expires_at: new Date(Date.now() + 86_400_000),
      ip: "198.51.100.4",
      user_agent: "Firefox on Linux",
      revoked_at: null,
      revoked_reason: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const actor: StaffSessionActor = { staffId: staff.id, role, name: staff.name, sessionId: session.id };
  return { ...staff, secret, sessionId: session.id, actor, code: () => generate({ secret }) };
}

/** Takes every admin made so far out of the picture, so a test knows exactly who the admins are. */
export async function retireAllAdmins(db: Db) {
  await db.updateTable("staff_users").set({ disabled_at: new Date() }).where("role", "=", "admin").execute();
}

/** The token inside the link of the newest invitation mailed to `email`. */
export async function invitationTokenFor(db: Db, email: string): Promise<string> {
  const mail = await db
    .selectFrom("mail_outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .where("template", "=", "staff_invitation")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const token = /invitation\?token=([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
  if (!token) throw new Error(`no invitation link in the mail to ${email}`);
  return token;
}
