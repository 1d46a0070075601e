import {
  appendAuditEvent,
  findUserCredentialsByEmail,
  recordFailedSignIn,
  recordSuccessfulSignIn,
} from "@trustdesk/db";
import { DomainError, type SessionRealm, type SessionStage, type SignInInput } from "@trustdesk/domain";
import { auditFields } from "../audit/audit-actor.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit, formatWait } from "../rate-limit/enforce-rate-limit.ts";
import {
  divertSignInToRecovery,
  type TakeoverRecoveryRequired,
} from "../recovery/divert-sign-in-to-recovery.ts";
import { dummyPasswordHash, verifyPassword } from "../security/passwords.ts";
import { recordCustomerSignInActivity } from "./record-sign-in-activity.ts";
import { type IssuedSession, startSession } from "./start-session.ts";

const INVALID = "That email and password don't match. Check both and try again.";

export function lockedError(lockedUntil: Date, now: Date): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new DomainError(
    "ACCOUNT_LOCKED",
    `Too many failed attempts: sign-in is locked for ${formatWait(retryAfterSeconds)}. You can reset your password meanwhile.`,
    { retryAfterSeconds },
  );
}

/**
 * Password step of sign-in, for either realm. Refuses locked users before checking the password,
 * counts failures (lockout with exponential backoff), rate-limits per IP and per email, and answers
 * an unknown email exactly like a wrong password, in the same time.
 */
export async function signIn(
  deps: ServiceDeps,
  meta: RequestMeta,
  realm: SessionRealm,
  input: SignInInput,
  presentedSessionId: string | null,
): Promise<IssuedSession | TakeoverRecoveryRequired> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.signInPerIp, `${realm}:${meta.ip ?? "unknown"}`);
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.signInPerEmail, `${realm}:${input.email}`);
  const now = deps.now();
  const user = await findUserCredentialsByEmail(deps.db, realm, input.email);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(deps.config.fastPasswordHashing), input.password);
    throw new DomainError("INVALID_CREDENTIALS", INVALID);
  }
  if (user.locked_until && user.locked_until > now) throw lockedError(user.locked_until, now);

  if (!(await verifyPassword(user.password_hash, input.password))) {
    const after = await recordFailedSignIn(
      deps.db,
      realm,
      user.id,
      deps.config.lockoutThreshold,
      deps.config.lockoutBaseMinutes,
    );
    await appendAuditEvent(deps.db, {
      ...auditFields({ type: "system" }, meta),
      action: "auth.sign_in_failed",
      subjectType: realm === "customer" ? "customer_user" : "staff_user",
      subjectId: user.id,
      after: { failedSignIns: after?.failed_sign_ins ?? null },
    });
    if (after?.locked_until && after.locked_until > now) throw lockedError(after.locked_until, now);
    throw new DomainError("INVALID_CREDENTIALS", INVALID);
  }

  if (realm === "customer") {
    const diverted = await divertSignInToRecovery(deps, meta, user.id);
    if (diverted) return diverted;
  }

  const stage: SessionStage = user.totp_enabled_at
    ? "second_factor"
    : realm === "staff"
      ? "totp_enrolment"
      : "full";
  return deps.db.transaction().execute(async (trx) => {
    const issued = await startSession(trx, deps, meta, realm, user.id, stage, presentedSessionId);
    if (stage === "full") {
      await recordSuccessfulSignIn(trx, realm, user.id, now);
      if (realm === "customer") await recordCustomerSignInActivity(trx, user.id, now);
    }
    await appendAuditEvent(trx, {
      actorType: realm === "customer" ? "customer" : "staff",
      actorId: user.id,
      requestId: meta.requestId,
      ip: meta.ip,
      action: stage === "full" ? "auth.signed_in" : "auth.password_verified",
      subjectType: "session",
      subjectId: issued.sessionId,
      after: { stage },
    });
    return issued;
  });
}
