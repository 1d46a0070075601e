import { appendAuditEvent, findUserCredentialsByEmail, recordSuccessfulSignIn } from "@trustdesk/db";
import {
  DomainError,
  isLocked,
  type SessionRealm,
  type SessionStage,
  type SignInInput,
} from "@trustdesk/domain";
import { auditFields } from "../audit/audit-actor.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import {
  divertSignInToRecovery,
  type TakeoverRecoveryRequired,
} from "../recovery/divert-sign-in-to-recovery.ts";
import { dummyPasswordHash, verifyPassword } from "../security/passwords.ts";
import { recordFailedAttempt } from "./record-failed-attempt.ts";
import { recordCustomerSignInActivity } from "./record-sign-in-activity.ts";
import { type IssuedSession, startSession } from "./start-session.ts";

/**
 * The one refusal of the password step, for a wrong password, an unknown email and a paused
 * (locked) user alike: telling them apart would tell an attacker which addresses have accounts.
 * The owner of a locked account learns about it from the mail the lockout sent.
 */
export const SIGN_IN_REFUSED =
  "That email and password don't match, or sign-in is paused after too many attempts — if so, we've emailed the address. Check both and try again, or reset your password.";

/**
 * Password step of sign-in, for either realm. Every attempt does the same work whatever the email:
 * the rate limits (per IP and per email, counted for unknown emails too), one argon2 verification
 * (against a dummy hash for an unknown email, and also for a locked user) and one transaction that
 * writes an audit event; only then is the answer chosen. Lock state is computed and compared with
 * the service clock (`deps.now()`), the one that wrote it.
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
  const found = await findUserCredentialsByEmail(deps.db, realm, input.email);
  const passwordOk = await verifyPassword(
    found?.password_hash ?? (await dummyPasswordHash(deps.config.fastPasswordHashing)),
    input.password,
  );
  const locked =
    found !== undefined &&
    isLocked({ failedSignIns: found.failed_sign_ins, lockedUntil: found.locked_until }, now);
  if (!found || !passwordOk || locked) {
    await deps.db.transaction().execute(async (trx) => {
      if (found) await recordFailedAttempt(trx, deps, meta, realm, found.id, "password");
      else
        await appendAuditEvent(trx, {
          ...auditFields({ type: "system" }, meta),
          action: "auth.sign_in_failed",
          subjectType: realm === "customer" ? "customer_user" : "staff_user",
          subjectId: null,
          // No email: an audit log must not become a list of addresses people typed.
          after: { factor: "password", reason: "unknown_email" },
        });
    });
    throw new DomainError("INVALID_CREDENTIALS", SIGN_IN_REFUSED);
  }
  const user = found;

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
