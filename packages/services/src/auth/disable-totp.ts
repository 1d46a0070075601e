import {
  appendAuditEvent,
  enqueueMail,
  findUserCredentialsById,
  replaceRecoveryCodes,
  setTotpSecret,
} from "@trustdesk/db";
import { DomainError } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { twoFactorChangedMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { verifyPassword } from "../security/passwords.ts";
import { openSecret } from "../security/secret-box.ts";
import { verifyTotp } from "../security/totp.ts";
import type { ActiveSession } from "./resolve-session.ts";

/** Customers may turn 2FA off with their password and a current code; staff never may. */
export async function disableTotp(
  deps: ServiceDeps,
  meta: RequestMeta,
  session: ActiveSession,
  input: { password: string; code: string },
): Promise<void> {
  if (session.realm !== "customer" || session.stage !== "full") {
    throw new DomainError("FORBIDDEN", "Two-step verification is mandatory here.");
  }
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.changePasswordPerUser, `customer:${session.userId}`);
  const user = await findUserCredentialsById(deps.db, "customer", session.userId);
  if (!user?.totp_enabled_at || !user.totp_secret_enc)
    throw new DomainError("CONFLICT", "Two-step verification is already off.");
  if (!(await verifyPassword(user.password_hash, input.password))) {
    throw new DomainError("INVALID_CREDENTIALS", "Your password is not correct.", {
      fields: { password: "Not your password" },
    });
  }
  const lastStep = user.totp_last_step === null ? null : Number(user.totp_last_step);
  if (
    (await verifyTotp(openSecret(deps.config.secretKey, user.totp_secret_enc), input.code, lastStep)) === null
  ) {
    throw new DomainError("INVALID_CREDENTIALS", "That code is not valid.", {
      fields: { code: "That code is not valid" },
    });
  }
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await setTotpSecret(trx, "customer", user.id, null, null);
    await replaceRecoveryCodes(trx, "customer", user.id, []);
    await enqueueMail(trx, twoFactorChangedMail(user.email, false, now));
    await appendAuditEvent(trx, {
      actorType: "customer",
      actorId: user.id,
      action: "auth.totp_disabled",
      subjectType: "customer_user",
      subjectId: user.id,
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}
