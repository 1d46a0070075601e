import type { SessionRealm, SessionStage } from "@trustdesk/domain";
import { sql } from "kysely";
import type { Executor } from "./executor.ts";

export interface NewSession {
  tokenHash: Buffer;
  realm: SessionRealm;
  userId: string;
  stage: SessionStage;
  expiresAt: Date;
  /** The service's clock, so idle expiry is measured on the same clock that checks it. */
  now: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Executor, s: NewSession) {
  return db
    .insertInto("sessions")
    .values({
      token_hash: s.tokenHash,
      realm: s.realm,
      customer_user_id: s.realm === "customer" ? s.userId : null,
      staff_user_id: s.realm === "staff" ? s.userId : null,
      stage: s.stage,
      expires_at: s.expiresAt,
      created_at: s.now,
      last_seen_at: s.now,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A live session of the given realm: a staff token looked up as a customer one finds nothing. */
export function findLiveSession(db: Executor, realm: SessionRealm, tokenHash: Buffer, now: Date) {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("realm", "=", realm)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", id).execute();
}

export async function setSessionStage(db: Executor, id: string, stage: SessionStage): Promise<void> {
  await db.updateTable("sessions").set({ stage }).where("id", "=", id).execute();
}

export async function revokeSession(db: Executor, id: string, reason: string, now: Date): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: now, revoked_reason: reason })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

/** Revokes every live session of a user, optionally keeping one (the caller's own). Returns how many. */
export async function revokeUserSessions(
  db: Executor,
  realm: SessionRealm,
  userId: string,
  reason: string,
  now: Date,
  exceptSessionId?: string,
): Promise<number> {
  let q = db
    .updateTable("sessions")
    .set({ revoked_at: now, revoked_reason: reason })
    .where(realm === "customer" ? "customer_user_id" : "staff_user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (exceptSessionId) q = q.where("id", "<>", exceptSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function revokeAccountCustomerSessions(
  db: Executor,
  accountId: string,
  reason: string,
  now: Date,
) {
  const r = await db
    .updateTable("sessions")
    .set({ revoked_at: now, revoked_reason: reason })
    .where("revoked_at", "is", null)
    .where(
      "customer_user_id",
      "in",
      db.selectFrom("customer_users").select("id").where("account_id", "=", accountId),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where(sql<boolean>`expires_at < ${now}::timestamptz - interval '30 days'`)
    .execute();
}
