import { z } from "zod";
import { Email, Password } from "../auth/credentials.ts";
import { RECOVERY_SESSION_ALLOWS } from "./recovery-session-allows.ts";

/**
 * Account-takeover recovery (the portal's "Trouble signing in?" page): while an account is suspended for
 * takeover, the password — even with a TOTP code, which the thief may have enrolled — never opens a
 * normal session. A one-time code sent to the owner's address from *before* the compromise does, and
 * only a restricted recovery session.
 */

/** Eight digits: short enough to type from a phone, 10^8 guesses against five tries per code. */
export const TAKEOVER_RECOVERY_CODE_DIGITS = 8;
export const TAKEOVER_RECOVERY_CODE_TTL_MINUTES = 15;
export const TAKEOVER_RECOVERY_MAX_ATTEMPTS = 5;
/** A recovery session is for finishing the checklist, not for living in: one hour at most. */
export const TAKEOVER_RECOVERY_SESSION_MINUTES = 60;

export const TakeoverRecoveryCode = z
  .string("Enter the code from the email")
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ""))
  .pipe(
    z
      .string()
      .regex(
        new RegExp(`^\\d{${TAKEOVER_RECOVERY_CODE_DIGITS}}$`),
        `Enter the ${TAKEOVER_RECOVERY_CODE_DIGITS}-digit code from the email`,
      ),
  );

export const RequestTakeoverRecoveryInput = z.object({ email: Email });
export type RequestTakeoverRecoveryInput = z.infer<typeof RequestTakeoverRecoveryInput>;

export const VerifyTakeoverRecoveryInput = z.object({ email: Email, code: TakeoverRecoveryCode });
export type VerifyTakeoverRecoveryInput = z.infer<typeof VerifyTakeoverRecoveryInput>;

/** In a recovery session the old password is not asked: it may be exactly what the thief changed. */
export const SetRecoveryPasswordInput = z.object({ newPassword: Password });
export type SetRecoveryPasswordInput = z.infer<typeof SetRecoveryPasswordInput>;

export const RECOVERY_ONLY_MESSAGE =
  "Your account is suspended after a suspected takeover. Until our team restores it, this recovery sign-in can only " +
  `${RECOVERY_SESSION_ALLOWS.slice(0, -1).join(", ")} and ${RECOVERY_SESSION_ALLOWS.at(-1)}.`;

/** `owner@example.com` → `o•••@example.com`: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}
