import { type Executor, insertSession, revokeSession } from "@trustdesk/db";
import { type SessionRealm, type SessionStage, TAKEOVER_RECOVERY_SESSION_MINUTES } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { randomToken, sha256 } from "../security/tokens.ts";

export interface IssuedSession {
  /** The raw token: goes into the cookie and nowhere else (the database keeps its hash). */
  token: string;
  sessionId: string;
  stage: SessionStage;
  expiresAt: Date;
}

/**
 * Issues a new session token. Any session the browser presented is revoked first, so a token
 * planted before sign-in (session fixation) never becomes an authenticated one.
 */
export async function startSession(
  trx: Executor,
  deps: ServiceDeps,
  meta: RequestMeta,
  realm: SessionRealm,
  userId: string,
  stage: SessionStage,
  replacesSessionId?: string | null,
): Promise<IssuedSession> {
  const now = deps.now();
  if (replacesSessionId) await revokeSession(trx, replacesSessionId, "rotated", now);
  const token = randomToken();
  // Partial sessions (second factor or enrolment still owed) live 15 minutes at most; a takeover
  // recovery session an hour, long enough for the checklist.
  const lifetimeMs =
    stage === "full"
      ? deps.config.sessionAbsoluteHours * 3_600_000
      : stage === "recovery"
        ? TAKEOVER_RECOVERY_SESSION_MINUTES * 60_000
        : 15 * 60_000;
  const session = await insertSession(trx, {
    tokenHash: sha256(token),
    realm,
    userId,
    stage,
    expiresAt: new Date(now.getTime() + lifetimeMs),
    now,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  return { token, sessionId: session.id, stage, expiresAt: session.expires_at };
}
