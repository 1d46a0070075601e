import { z } from "zod";
import { safeText } from "../text/safe-text.ts";

export const Email = safeText({
  max: 320,
  required: "Enter your email address",
  tooLong: "Email address is too long",
})
  .pipe(z.email("Enter a valid email address"))
  .transform((s) => s.toLowerCase());

/**
 * NIST SP 800-63B: length over composition rules. 12+ characters, at most 256 (argon2 input stays
 * bounded), and not one of the passwords attackers try first.
 */
const COMMON_PASSWORDS = new Set([
  "password1234",
  "123456789012",
  "qwertyuiopas",
  "passwordpassword",
  "iloveyou1234",
  "trustdesk123",
  "letmein12345",
  "administrator",
]);

export const Password = z
  .string()
  .min(12, "Use at least 12 characters")
  .max(256, "Use at most 256 characters")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "This password is too common; choose another")
  .refine((p) => new Set(p).size >= 4, "This password is too repetitive; choose another");

/** A password typed at sign-in is not checked against policy (old passwords must still work). */
export const PasswordAttempt = z.string().min(1, "Enter your password").max(256, "Password is too long");

export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app");

export const RecoveryCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]{5}-?[a-z0-9]{5}$/, "Recovery codes look like abcde-12345")
  .transform((s) => s.replace("-", ""));

export const PersonName = safeText({
  min: 1,
  max: 200,
  tooShort: "Enter a name",
  tooLong: "Name is too long",
});

/**
 * "acme.example" or "acme.example/about" → "https://acme.example…"; a text with a scheme (any —
 * "javascript:" is then refused by the URL check) is kept as typed.
 */
export function withWebScheme(text: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
}

/** A device id as the portal makes it (a UUID); anything from 16 to 64 URL-safe characters is kept. */
export const SignUpDeviceId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const CustomerSignUpInput = z.object({
  email: Email,
  password: Password,
  name: PersonName,
  accountName: safeText({
    min: 1,
    max: 200,
    tooShort: "Enter your company or project name",
    tooLong: "Name is too long",
  }),
  // An empty field means "no website"; a bare domain ("acme.example") means its https:// site;
  // anything else must be a web address.
  website: safeText({ max: 300, tooLong: "Keep the website under 300 characters" })
    .transform((s) => (s === "" ? undefined : withWebScheme(s)))
    .pipe(
      z
        .url({
          protocol: /^https?$/,
          message: "Enter a website, such as acme.example or https://acme.example",
        })
        .optional(),
    )
    .optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use a two-letter country code")
    .optional(),
  /**
   * The browser's device id: a random id the portal keeps (see the portal's `device-id.ts`), for the
   * `velocity_device_24h` vetting rule. Not a field a person fills in, so a malformed one is dropped
   * rather than refused: the sign-up then simply has no device signal.
   */
  deviceId: SignUpDeviceId.optional().catch(undefined),
});
export type CustomerSignUpInput = z.infer<typeof CustomerSignUpInput>;

export const SignInInput = z.object({
  email: Email,
  password: PasswordAttempt,
});
export type SignInInput = z.infer<typeof SignInInput>;

export const SecondFactorInput = z.union([
  z.object({ code: TotpCode }),
  z.object({ recoveryCode: RecoveryCode }),
]);
export type SecondFactorInput = z.infer<typeof SecondFactorInput>;

export const RequestPasswordResetInput = z.object({ email: Email });

export const ResetPasswordInput = z.object({
  token: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{43}$/, "This reset link is malformed; request a new one"),
  newPassword: Password,
});
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

/** The token of the emailed link that finishes a sign-up. */
export const ConfirmSignUpInput = z.object({
  token: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{43}$/, "This sign-up link is malformed; open the link from the mail again"),
});
export type ConfirmSignUpInput = z.infer<typeof ConfirmSignUpInput>;

export const ChangePasswordInput = z.object({
  currentPassword: PasswordAttempt,
  newPassword: Password,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const ConfirmTotpInput = z.object({ code: TotpCode });

export const DisableTotpInput = z.object({ password: PasswordAttempt, code: TotpCode });
