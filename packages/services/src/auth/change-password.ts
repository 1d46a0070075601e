import {
  appendAuditEvent,
  enqueueMail,
  findUserCredentialsById,
  revokeUserSessions,
  updatePasswordHash,
} from "@trustdesk/db";
import { type ChangePasswordInput, DomainError } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { passwordChangedMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { hashPassword, verifyPassword } from "../security/passwords.ts";
import type { ActiveSession } from "./resolve-session.ts";

/**
 * Changing a password needs the current one (a stolen session alone is not enough); every other
 * session of the user is signed out, the caller's own stays.
 */
export async function changePassword(
  deps: ServiceDeps,
  meta: RequestMeta,
  session: ActiveSession,
  input: ChangePasswordInput,
) {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.changePasswordPerUser, `${session.realm}:${session.userId}`);
  const user = await findUserCredentialsById(deps.db, session.realm, session.userId);
  if (!user) throw new DomainError("UNAUTHENTICATED", "Sign in again to change your password.");
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new DomainError("INVALID_CREDENTIALS", "Your current password is not correct.", {
      fields: { currentPassword: "Not your current password" },
    });
  }
  if (input.currentPassword === input.newPassword) {
    throw new DomainError("VALIDATION", "Choose a password you have not used here before.", {
      fields: { newPassword: "Same as the current password" },
    });
  }
  const passwordHash = await hashPassword(input.newPassword, deps.config.fastPasswordHashing);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, session.realm, user.id, passwordHash, now);
    const revoked = await revokeUserSessions(
      trx,
      session.realm,
      user.id,
      "password_changed",
      now,
      session.id,
    );
    await enqueueMail(trx, passwordChangedMail(user.email, now));
    await appendAuditEvent(trx, {
      actorType: session.realm === "customer" ? "customer" : "staff",
      actorId: user.id,
      action: "auth.password_changed",
      subjectType: session.realm === "customer" ? "customer_user" : "staff_user",
      subjectId: user.id,
      after: { otherSessionsRevoked: revoked },
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}
