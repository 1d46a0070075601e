import {
  advanceTotpStep,
  appendAuditEvent,
  enqueueMail,
  findUserCredentialsById,
  recordSuccessfulSignIn,
  replaceRecoveryCodes,
} from "@trustdesk/db";
import { DomainError } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { twoFactorChangedMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { generateRecoveryCodes, hashRecoveryCode } from "../security/recovery-codes.ts";
import { openSecret } from "../security/secret-box.ts";
import { verifyTotp } from "../security/totp.ts";
import type { ActiveSession } from "./resolve-session.ts";
import { type IssuedSession, startSession } from "./start-session.ts";

export interface TotpEnrolled {
  recoveryCodes: string[];
  /** Staff finishing enrolment at sign-in get a fresh full session. */
  newSession: IssuedSession | null;
}

export async function confirmTotpEnrolment(
  deps: ServiceDeps,
  meta: RequestMeta,
  session: ActiveSession,
  code: string,
): Promise<TotpEnrolled> {
  // Guessing the enrolment code is as much a brute-force target as the sign-in code.
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.secondFactorPerUser, `${session.realm}:${session.userId}`);
  const user = await findUserCredentialsById(deps.db, session.realm, session.userId);
  if (!user) throw new DomainError("UNAUTHENTICATED", "Sign in again.");
  if (user.totp_enabled_at) throw new DomainError("CONFLICT", "Two-step verification is already on.");
  if (!user.totp_secret_enc)
    throw new DomainError(
      "PRECONDITION_FAILED",
      "Start the set-up first: scan the QR code, then enter a code.",
    );
  const step = await verifyTotp(openSecret(deps.config.secretKey, user.totp_secret_enc), code, null);
  if (step === null) {
    throw new DomainError(
      "VALIDATION",
      "That code does not match. Check the time on your phone and try the newest code.",
      {
        fields: { code: "That code does not match" },
      },
    );
  }
  const now = deps.now();
  const recoveryCodes = generateRecoveryCodes();
  return deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable(session.realm === "customer" ? "customer_users" : "staff_users")
      .set({ totp_enabled_at: now })
      .where("id", "=", user.id)
      .where("totp_enabled_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new DomainError("CONFLICT", "Two-step verification is already on.");
    await advanceTotpStep(trx, session.realm, user.id, step);
    await replaceRecoveryCodes(trx, session.realm, user.id, recoveryCodes.map(hashRecoveryCode));
    let newSession: IssuedSession | null = null;
    if (session.realm === "staff" && session.stage === "totp_enrolment") {
      newSession = await startSession(trx, deps, meta, "staff", user.id, "full", session.id);
      await recordSuccessfulSignIn(trx, "staff", user.id, now);
    }
    await enqueueMail(trx, twoFactorChangedMail(user.email, true, now));
    await appendAuditEvent(trx, {
      actorType: session.realm === "customer" ? "customer" : "staff",
      actorId: user.id,
      action: "auth.totp_enabled",
      subjectType: session.realm === "customer" ? "customer_user" : "staff_user",
      subjectId: user.id,
      after: { recoveryCodesIssued: recoveryCodes.length },
      requestId: meta.requestId,
      ip: meta.ip,
    });
    return { recoveryCodes, newSession };
  });
}
