import { findLiveSession, revokeSession, touchSession } from "@trustdesk/db";
import type { SessionRealm, SessionStage } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { sha256 } from "../security/tokens.ts";

export interface ActiveSession {
  id: string;
  realm: SessionRealm;
  stage: SessionStage;
  userId: string;
  expiresAt: Date;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Turns a cookie token into a live session of the given realm, or null: unknown, revoked, past its
 * absolute expiry, or idle for longer than the idle limit (then it is revoked on the spot).
 */
export async function resolveSession(
  deps: ServiceDeps,
  realm: SessionRealm,
  token: string | undefined,
): Promise<ActiveSession | null> {
  if (!token || token.length > 128) return null;
  const now = deps.now();
  const row = await findLiveSession(deps.db, realm, sha256(token), now);
  if (!row) return null;
  const idleLimitMs =
    row.stage === "full" || row.stage === "recovery" ? deps.config.sessionIdleMinutes * 60_000 : 15 * 60_000;
  if (now.getTime() - row.last_seen_at.getTime() > idleLimitMs) {
    await revokeSession(deps.db, row.id, "idle", now);
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, row.id, now);
  const userId = realm === "customer" ? row.customer_user_id : row.staff_user_id;
  if (!userId) return null;
  return { id: row.id, realm, stage: row.stage, userId, expiresAt: row.expires_at };
}
