import {
  advanceTotpStep,
  appendAuditEvent,
  consumeRecoveryCode,
  findUserCredentialsById,
  recordSuccessfulSignIn,
  revokeSession,
} from "@trustdesk/db";
import { DomainError, isLocked, type SecondFactorInput } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit, formatWait } from "../rate-limit/enforce-rate-limit.ts";
import {
  divertSignInToRecovery,
  type TakeoverRecoveryRequired,
} from "../recovery/divert-sign-in-to-recovery.ts";
import { hashRecoveryCode } from "../security/recovery-codes.ts";
import { openSecret } from "../security/secret-box.ts";
import { verifyTotp } from "../security/totp.ts";
import { recordFailedAttempt } from "./record-failed-attempt.ts";
import { recordCustomerSignInActivity } from "./record-sign-in-activity.ts";
import type { ActiveSession } from "./resolve-session.ts";
import { type IssuedSession, startSession } from "./start-session.ts";

/**
 * Past the password, the caller has proved the account exists, so the pause may be named here
 * (unlike the password step, which answers every refusal alike).
 */
function lockedError(lockedUntil: Date, now: Date): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new DomainError(
    "ACCOUNT_LOCKED",
    `Too many failed attempts: sign-in is paused for ${formatWait(retryAfterSeconds)}. We've emailed you what to do; you can reset your password meanwhile.`,
    { retryAfterSeconds },
  );
}

/**
 * Second step of sign-in: a TOTP code or a single-use recovery code. Wrong codes count towards the
 * same lockout as wrong passwords, so the 10^6 code space cannot be brute-forced. Success rotates
 * the session token (privilege changes always get a fresh token).
 */
export async function verifySecondFactor(
  deps: ServiceDeps,
  meta: RequestMeta,
  session: ActiveSession,
  input: SecondFactorInput,
): Promise<IssuedSession | TakeoverRecoveryRequired> {
  if (session.stage !== "second_factor") {
    throw new DomainError("PRECONDITION_FAILED", "There is no sign-in waiting for a code. Sign in again.");
  }
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.secondFactorPerUser, `${session.realm}:${session.userId}`);
  const now = deps.now();
  const user = await findUserCredentialsById(deps.db, session.realm, session.userId);
  if (!user?.totp_secret_enc || !user.totp_enabled_at) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "Two-step verification is not set up for this user. Sign in again.",
    );
  }
  if (
    user.locked_until &&
    isLocked({ failedSignIns: user.failed_sign_ins, lockedUntil: user.locked_until }, now)
  )
    throw lockedError(user.locked_until, now);
  // Suspended for takeover between the password and the code: the code opens nothing either.
  if (session.realm === "customer") {
    const diverted = await divertSignInToRecovery(deps, meta, user.id);
    if (diverted) {
      await revokeSession(deps.db, session.id, "account_takeover", now);
      return diverted;
    }
  }

  return deps.db
    .transaction()
    .execute(async (trx) => {
      let ok: boolean;
      let method: "totp" | "recovery_code";
      if ("code" in input) {
        method = "totp";
        const step = await verifyTotp(
          openSecret(deps.config.secretKey, user.totp_secret_enc as string),
          input.code,
          user.totp_last_step === null ? null : Number(user.totp_last_step),
        );
        ok = step !== null && (await advanceTotpStep(trx, session.realm, user.id, step));
      } else {
        method = "recovery_code";
        ok = await consumeRecoveryCode(
          trx,
          session.realm,
          user.id,
          hashRecoveryCode(input.recoveryCode),
          now,
        );
      }
      if (!ok) return null;
      const issued = await startSession(trx, deps, meta, session.realm, user.id, "full", session.id);
      await recordSuccessfulSignIn(trx, session.realm, user.id, now);
      if (session.realm === "customer") await recordCustomerSignInActivity(trx, user.id, now);
      await appendAuditEvent(trx, {
        actorType: session.realm === "customer" ? "customer" : "staff",
        actorId: user.id,
        action: "auth.signed_in",
        subjectType: "session",
        subjectId: issued.sessionId,
        after: { stage: "full", secondFactor: method },
        requestId: meta.requestId,
        ip: meta.ip,
      });
      return issued;
    })
    .then(async (issued) => {
      if (issued) return issued;
      const after = await deps.db
        .transaction()
        .execute((trx) => recordFailedAttempt(trx, deps, meta, session.realm, user.id, "second_factor"));
      if (after?.lockedUntil && isLocked(after, now)) throw lockedError(after.lockedUntil, now);
      throw new DomainError(
        "INVALID_CREDENTIALS",
        "That code is not valid. Codes change every 30 seconds; each works once.",
        {
          fields: { code: "That code is not valid" },
        },
      );
    });
}
