import { enqueueMail, replaceRecoveryCodes, revokeUserSessions, setTotpSecret } from "@trustdesk/db";
import type { StaffMemberInput } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import {
  auditActor,
  findStaffMember,
  loadStaffAdmin,
  lockStaffAdministration,
  type StaffAdminActor,
} from "./staff-admin-access.ts";
import { staffTwoFactorResetMail } from "./staff-mails.ts";

/**
 * For a colleague who lost their authenticator: their TOTP secret and every recovery code are
 * cleared and all their sessions revoked, in one transaction. Their next sign-in, after the
 * password, lands on the mandatory enrolment (the `totp_enrolment` stage), as a first sign-in does.
 * A colleague with nothing to reset is left as is.
 */
export async function resetStaffTwoFactor(
  deps: ServiceDeps,
  actor: StaffAdminActor,
  meta: RequestMeta,
  input: StaffMemberInput,
) {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockStaffAdministration(trx);
    const admin = await loadStaffAdmin(trx, actor);
    const target = await findStaffMember(trx, input.staffId);
    if (!target.totp_enabled_at && !target.totp_secret_enc)
      return { changed: false as const, sessionsRevoked: 0 };
    await setTotpSecret(trx, "staff", target.id, null, null);
    await replaceRecoveryCodes(trx, "staff", target.id, []);
    const sessionsRevoked = await revokeUserSessions(trx, "staff", target.id, "two_factor_reset", now);
    const signInUrl = new URL("/agent/sign-in", deps.config.publicUrl).toString();
    await enqueueMail(trx, staffTwoFactorResetMail(target.email, admin.name, signInUrl));
    await recordAudit(trx, auditActor(actor), meta, {
      action: "staff.two_factor_reset",
      subjectType: "staff_user",
      subjectId: target.id,
      before: { name: target.name, twoFactor: target.totp_enabled_at ? "enrolled" : "enrolment started" },
      after: {
        name: target.name,
        twoFactor: "must enrol at next sign-in",
        resetBy: admin.name,
        sessionsRevoked,
      },
    });
    return { changed: true as const, sessionsRevoked };
  });
}
