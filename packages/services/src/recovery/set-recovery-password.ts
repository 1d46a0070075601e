import { enqueueMail, findUserCredentialsById, revokeUserSessions, updatePasswordHash } from "@trustdesk/db";
import { DomainError, type SetRecoveryPasswordInput } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { ActiveSession } from "../auth/resolve-session.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { passwordChangedMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { hashPassword, verifyPassword } from "../security/passwords.ts";

/**
 * The first step of the takeover checklist: a new password, without the old one (the thief may have
 * changed it; the recovery code already proved who this is). Every other session of the user ends.
 */
export async function setRecoveryPassword(
  deps: ServiceDeps,
  meta: RequestMeta,
  session: ActiveSession,
  accountId: string,
  input: SetRecoveryPasswordInput,
): Promise<void> {
  if (session.stage !== "recovery") {
    throw new DomainError(
      "FORBIDDEN",
      "Setting a password without the current one is only for account recovery.",
    );
  }
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.changePasswordPerUser, `customer:${session.userId}`);
  const user = await findUserCredentialsById(deps.db, "customer", session.userId);
  if (!user) throw new DomainError("UNAUTHENTICATED", "Sign in again.");
  // The password the thief knows must not survive the recovery.
  if (await verifyPassword(user.password_hash, input.newPassword)) {
    throw new DomainError("VALIDATION", "Choose a new password, not the one the account had.", {
      fields: { newPassword: "Same as the current password" },
    });
  }
  const passwordHash = await hashPassword(input.newPassword, deps.config.fastPasswordHashing);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, "customer", user.id, passwordHash, now);
    const revoked = await revokeUserSessions(trx, "customer", user.id, "password_changed", now, session.id);
    await enqueueMail(trx, passwordChangedMail(user.email, now));
    await recordAudit(trx, { type: "customer", userId: user.id, accountId }, meta, {
      action: "auth.password_set_in_recovery",
      subjectType: "customer_user",
      subjectId: user.id,
      accountId,
      after: { otherSessionsRevoked: revoked },
    });
  });
}
