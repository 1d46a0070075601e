import { advanceTotpStep, enqueueMail, findUserCredentialsById, replaceRecoveryCodes } from "@trustdesk/db";
import { DomainError, type RegenerateRecoveryCodesInput } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { StaffSessionActor } from "../auth/resolve-staff-actor.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { generateRecoveryCodes, hashRecoveryCode } from "../security/recovery-codes.ts";
import { openSecret } from "../security/secret-box.ts";
import { verifyTotp } from "../security/totp.ts";

/**
 * New recovery codes for the signed-in colleague; the old ones stop working. Re-authentication is a
 * current code from the authenticator, not the password: recovery codes stand in for the
 * authenticator, so whoever makes new ones must show they hold it. A thief with a stolen session
 * (and perhaps a phished password) cannot mint themselves a lasting way back in. The code's step is
 * recorded, so it cannot be replayed at sign-in.
 */
export async function regenerateRecoveryCodes(
  deps: ServiceDeps,
  staff: StaffSessionActor,
  meta: RequestMeta,
  input: RegenerateRecoveryCodesInput,
): Promise<{ recoveryCodes: string[] }> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.secondFactorPerUser, `staff:${staff.staffId}`);
  const user = await findUserCredentialsById(deps.db, "staff", staff.staffId);
  if (!user) throw new DomainError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (!user.totp_enabled_at || !user.totp_secret_enc)
    throw new DomainError("PRECONDITION_FAILED", "Set up two-step verification first.");
  const invalid = new DomainError(
    "INVALID_CREDENTIALS",
    "That code is not valid. Codes change every 30 seconds; each works once.",
    { fields: { code: "That code is not valid" } },
  );
  const step = await verifyTotp(
    openSecret(deps.config.secretKey, user.totp_secret_enc),
    input.code,
    user.totp_last_step === null ? null : Number(user.totp_last_step),
  );
  if (step === null) throw invalid;
  const recoveryCodes = generateRecoveryCodes();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await advanceTotpStep(trx, "staff", user.id, step))) throw invalid;
    await replaceRecoveryCodes(trx, "staff", user.id, recoveryCodes.map(hashRecoveryCode));
    await enqueueMail(trx, {
      to: user.email,
      template: "recovery_codes_regenerated",
      subject: "New Trustdesk recovery codes",
      text: `New recovery codes were made for your Trustdesk staff account at ${deps.now().toISOString()}; the old ones no longer work.\n\nIf it wasn't you, tell your team's admins at once.\n\n— Trustdesk staff administration`,
    });
    await recordAudit(trx, { type: "staff", staffId: staff.staffId, role: staff.role }, meta, {
      action: "auth.recovery_codes_regenerated",
      subjectType: "staff_user",
      subjectId: user.id,
      after: { name: staff.name, recoveryCodesIssued: recoveryCodes.length },
    });
  });
  return { recoveryCodes };
}
