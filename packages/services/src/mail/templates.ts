import type { OutboxMail } from "@trustdesk/db";

/**
 * Transactional mails, written to the outbox in the transaction that caused them. Plain text on
 * purpose: it renders everywhere and carries no tracking. Never put a secret other than a
 * single-use link into a mail, and never an API key's secret part.
 */
const SIGNATURE =
  "\n\n— The Consumer Trust team\nWe answer tickets within 24–48 hours. We do not offer chat.";

export function welcomeMail(to: string, name: string, portalUrl: string): OutboxMail {
  return {
    to,
    template: "welcome",
    subject: "Welcome to your email-sending account",
    text: `Hello ${name},\n\nyour account is ready. Sign in at ${portalUrl} to manage it.${SIGNATURE}`,
  };
}

export function passwordResetMail(to: string, link: string, ttlMinutes: number): OutboxMail {
  return {
    to,
    template: "password_reset",
    subject: "Reset your password",
    text: `Someone asked to reset the password of this account.\n\nTo choose a new password, open this link within ${ttlMinutes} minutes (it works once):\n${link}\n\nIf it wasn't you, ignore this mail: your password stays as it is.${SIGNATURE}`,
  };
}

/**
 * Sent once per lockout, in the transaction that locks. Says what happened and what to do; it
 * names no IP or place (a mail can be forwarded) — the audit log keeps those.
 */
export function signInLockedMail(
  to: string,
  lockedUntil: Date,
  resetUrl: string | null,
  failedAttempts: number,
): OutboxMail {
  const reset = resetUrl
    ? `- or reset your password now at ${resetUrl}: a successful reset ends the pause at once.`
    : "- or ask an admin to reset your password: a successful reset ends the pause at once.";
  return {
    to,
    template: "sign_in_locked",
    subject: "Sign-in to your account is paused after too many attempts",
    text: `There were ${failedAttempts} failed attempts to sign in to your account, so we paused sign-in until ${lockedUntil.toUTCString()}. Nobody got in.\n\nWhat you can do:\n- wait until then and sign in as usual,\n${reset}\n\nIf this wasn't you, someone may know or be guessing your password: reset your password, and turn on two-factor authentication if it is not on yet.${SIGNATURE}`,
  };
}

/** A sign-up with an address that already has an account: the form answered the same as for a new address. */
export function signUpExistingAccountMail(to: string, signInUrl: string, resetUrl: string): OutboxMail {
  return {
    to,
    template: "sign_up_existing_account",
    subject: "Someone tried to sign up with your address",
    text: `Someone tried to create a new account with this address, which already has an account with us. No new account was created and nothing changed.\n\nIf it was you: sign in at ${signInUrl}, or reset your password at ${resetUrl} if you forgot it.\n\nIf it wasn't you, you don't need to do anything.${SIGNATURE}`,
  };
}

/** The link that finishes a sign-up: proves the address before any account exists for it. */
export function confirmSignUpMail(to: string, name: string, link: string, ttlHours: number): OutboxMail {
  return {
    to,
    template: "sign_up_confirm",
    subject: "Confirm your email to create your account",
    text: `Hello ${name},\n\nto finish creating your account, open this link within ${ttlHours} hours (it works once):\n${link}\n\nIf you didn't sign up, ignore this mail: no account is created.${SIGNATURE}`,
  };
}

export function passwordChangedMail(to: string, when: Date): OutboxMail {
  return {
    to,
    template: "password_changed",
    subject: "Your password was changed",
    text: `The password of your account was changed on ${when.toUTCString()} and every other session was signed out.\n\nIf this wasn't you, reset your password at once and open a ticket: "I think my account was taken over".${SIGNATURE}`,
  };
}

export function twoFactorChangedMail(to: string, enabled: boolean, when: Date): OutboxMail {
  return {
    to,
    template: enabled ? "totp_enabled" : "totp_disabled",
    subject: enabled ? "Two-factor authentication is on" : "Two-factor authentication was turned off",
    text: `Two-factor authentication was turned ${enabled ? "on" : "off"} for your account on ${when.toUTCString()}.\n\nIf this wasn't you, reset your password at once and open a ticket.${SIGNATURE}`,
  };
}

export function accountTakeoverSuspensionMail(
  to: string,
  caseNumber: string,
  hotline: string,
  portalUrl: string,
): OutboxMail {
  return {
    to,
    template: "ato_suspended",
    subject: `We suspended your account to protect it (case ${caseNumber})`,
    text: `We believe someone else gained access to your account, so we suspended it at once: sending and API access are blocked, every session was signed out and your API keys were disabled.\n\nYour case number is ${caseNumber}. You can call us on ${hotline} and quote it.\n\nTo recover the account, sign in at ${portalUrl} (use "Forgot password" if your password no longer works) and follow the checklist: reset your password, turn on two-factor authentication, review and rotate your API keys, review your account's users.${SIGNATURE}`,
  };
}

export function credentialExposureMail(
  to: string,
  caseNumber: string,
  key: { name: string; prefix: string },
  location: string,
  foundAt: Date,
  portalUrl: string,
): OutboxMail {
  return {
    to,
    template: "credential_exposed",
    subject: `Your API key "${key.name}" was found in public and revoked (case ${caseNumber})`,
    text: `We found your API key "${key.name}" (${key.prefix}…) in public at:\n${location}\non ${foundAt.toUTCString()}.\n\nWe revoked it at once, so it no longer works. Create a replacement key, remove the old one from wherever it was published, and confirm the clean-up on your ticket at ${portalUrl}.${SIGNATURE}`,
  };
}

export function accessRestoredMail(to: string, portalUrl: string): OutboxMail {
  return {
    to,
    template: "access_restored",
    subject: "Your account is active again",
    text: `The restriction on your account was lifted: sending and API access work again. Sign in at ${portalUrl} to check your settings.${SIGNATURE}`,
  };
}

export function ticketReceivedMail(
  to: string,
  ticketNumber: number,
  subject: string,
  portalUrl: string,
): OutboxMail {
  return {
    to,
    template: "ticket_received",
    subject: `We received your ticket #${ticketNumber}: ${subject}`,
    text: `Thank you for writing to us. Your ticket #${ticketNumber} is in our queue; expect a first answer within 24 to 48 hours. Follow it at ${portalUrl}/tickets.${SIGNATURE}`,
  };
}
