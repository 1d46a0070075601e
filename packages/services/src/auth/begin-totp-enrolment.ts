import { appendAuditEvent, findUserCredentialsById, setTotpSecret } from "@trustdesk/db";
import { DomainError } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { sealSecret } from "../security/secret-box.ts";
import { newTotpEnrolment } from "../security/totp.ts";
import type { ActiveSession } from "./resolve-session.ts";

/**
 * Starts TOTP enrolment: a new secret is stored (encrypted) but not enabled until a code from the
 * authenticator confirms it. Customers enrol from a full or recovery session; staff must enrol
 * right after their first password check, before they can do anything else.
 */
export async function beginTotpEnrolment(deps: ServiceDeps, meta: RequestMeta, session: ActiveSession) {
  const allowed =
    session.realm === "staff"
      ? session.stage === "totp_enrolment"
      : session.stage === "full" || session.stage === "recovery";
  if (!allowed)
    throw new DomainError("FORBIDDEN", "Setting up two-step verification is not available in this session.");
  const user = await findUserCredentialsById(deps.db, session.realm, session.userId);
  if (!user) throw new DomainError("UNAUTHENTICATED", "Sign in again.");
  // In a takeover recovery the enrolled authenticator may be the thief's: a new enrolment replaces it
  // (2FA counts as done only once the new one is confirmed). Elsewhere it must be turned off first.
  const replacing =
    session.realm === "customer" && session.stage === "recovery" && user.totp_enabled_at !== null;
  if (user.totp_enabled_at && !replacing) {
    throw new DomainError(
      "CONFLICT",
      "Two-step verification is already on. Turn it off first to move it to a new device.",
    );
  }
  const enrolment = await newTotpEnrolment(user.email);
  await deps.db.transaction().execute(async (trx) => {
    await setTotpSecret(
      trx,
      session.realm,
      user.id,
      sealSecret(deps.config.secretKey, enrolment.secret),
      null,
    );
    // setTotpSecret leaves 2FA off until confirmed; the old factor's recovery codes go with it.
    if (replacing) await trx.deleteFrom("recovery_codes").where("customer_user_id", "=", user.id).execute();
    await appendAuditEvent(trx, {
      actorType: session.realm === "customer" ? "customer" : "staff",
      actorId: user.id,
      action: replacing ? "auth.totp_replaced_in_recovery" : "auth.totp_enrolment_started",
      subjectType: session.realm === "customer" ? "customer_user" : "staff_user",
      subjectId: user.id,
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
  return enrolment;
}
