import type { OutboxMail } from "@trustdesk/db";
import type { InvitableRole } from "@trustdesk/domain";

/**
 * Transactional mails, written to the outbox in the transaction that caused them. Plain text on
 * purpose: it renders everywhere and carries no tracking. Never put a secret other than a
 * single-use link into a mail, and never an API key's secret part.
 */
const SIGNATURE =
  "\n\n— The Consumer Trust team\nWe answer tickets within 24–48 hours. We do not offer chat.";

/**
 * The welcome after sign-up. Only an approved sign-up is "ready": one in review (or not approved)
 * is told so, with the safe reason and where to follow it — never that it can send.
 */
export function welcomeMail(
  to: string,
  name: string,
  portalUrl: string,
  vetting: { outcome: "approve" | "review" | "reject"; customerSummary: string } = {
    outcome: "approve",
    customerSummary: "",
  },
): OutboxMail {
  const body =
    vetting.outcome === "approve"
      ? `your account is ready. Sign in at ${portalUrl} to manage it.`
      : `your account was created, but it cannot send email yet. ${vetting.customerSummary}\n\nSign in at ${portalUrl} to see where your sign-up stands; we email you when it changes.`;
  return {
    to,
    template: "welcome",
    subject:
      vetting.outcome === "approve"
        ? "Welcome to your email-sending account"
        : vetting.outcome === "review"
          ? "Welcome — your sign-up is being reviewed"
          : "Your sign-up could not be approved yet",
    text: `Hello ${name},\n\n${body}${SIGNATURE}`,
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
    text: `There were ${failedAttempts} failed attempts to sign in to your account, so we paused sign-in until ${lockedUntil.toUTCString()}. Nobody got in.\n\nWhat you can do:\n- wait until then and sign in as usual,\n${reset}\n\nIf this wasn't you, someone may know or be guessing your password: reset your password, and turn on two-step verification if it is not on yet.${SIGNATURE}`,
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
    subject: enabled ? "Two-step verification is on" : "Two-step verification was turned off",
    text: `Two-step verification was turned ${enabled ? "on" : "off"} for your account on ${when.toUTCString()}.\n\nIf this wasn't you, reset your password at once and open a ticket.${SIGNATURE}`,
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
    text: `We believe someone else gained access to your account, so we suspended it at once: sending and API access are blocked, every session was signed out and your API keys were disabled.\n\nYour case number is ${caseNumber}. You can call us on ${hotline} and quote it.\n\nYour password alone will not open the account while it is suspended: whoever took it over may know it. To recover it, go to ${portalUrl}/recover: we email a one-time code to the address the account had before the takeover, and it opens a recovery sign-in where you follow the checklist: set a new password, set up two-step verification again, review and rotate your API keys, review your sessions and your account's users.${SIGNATURE}`,
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

/** A key the customer pasted into one of our tickets: it reached only us, but it is dead now. */
export function pastedKeyRevokedMail(
  to: string,
  key: { name: string; prefix: string },
  ticket: string,
  portalUrl: string,
): OutboxMail {
  return {
    to,
    template: "credential_pasted_in_ticket",
    subject: `Your API key "${key.name}" was revoked because it was sent in ${ticket}`,
    text: `Your message in ${ticket} contained your API key "${key.name}" (${key.prefix}…). We removed it from the ticket before storing anything, and revoked the key so that nobody can use it: a key that has been copied into a message should never be trusted again.\n\nYour account is not restricted. Create a replacement key at ${portalUrl} and use it wherever the old one was configured. Never send a key in a ticket: we never need it.${SIGNATURE}`,
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

export function takeoverRecoveryCodeMail(
  to: string,
  code: string,
  ttlMinutes: number,
  ctx: { caseNumber: string | null; hotline: string; portalUrl: string },
): OutboxMail {
  const grouped = `${code.slice(0, 4)} ${code.slice(4)}`;
  return {
    to,
    template: "ato_recovery_code",
    subject: "Your account recovery code",
    text: `Your one-time recovery code is:\n\n    ${grouped}\n\nEnter it on the recovery page at ${ctx.portalUrl}/recover within ${ttlMinutes} minutes. It works once.\n\nYour account is suspended after a suspected takeover${ctx.caseNumber ? ` (case ${ctx.caseNumber})` : ""}. The code opens a recovery sign-in where you set a new password, set up two-step verification again, review your API keys, sessions and users, and follow your takeover ticket. Call us on ${ctx.hotline} if you need help.\n\nIf you did not ask for this code, someone may be trying to get into your account: do not share the code with anyone, including people who say they work for us.${SIGNATURE}`,
  };
}

export function takeoverRecoveryNotNeededMail(to: string, portalUrl: string): OutboxMail {
  return {
    to,
    template: "ato_recovery_not_needed",
    subject: "About your account recovery request",
    text: `Someone asked for an account-takeover recovery code for this address. Your account is not suspended for a takeover, so no code was sent.\n\nIf you think someone else is using your account, reset your password at ${portalUrl}/forgot-password, turn on two-step verification, and open a ticket in the account-takeover category so our team can look into it. If this was you, you can sign in as usual.${SIGNATURE}`,
  };
}

export function accountInvitationMail(
  to: string,
  inviterName: string,
  accountName: string,
  role: InvitableRole,
  link: string,
  ttlDays: number,
): OutboxMail {
  return {
    to,
    template: "account_invitation",
    subject: `${inviterName} invited you to ${accountName}`,
    text: `${inviterName} invited you to join the account "${accountName}" as ${role === "admin" ? "an admin" : "a member"}.\n\nTo accept, open this link within ${ttlDays} days (it works once) and choose your name and password:\n${link}\n\nIf you don't know ${inviterName} or didn't expect this, ignore this mail: nothing happens unless you open the link.${SIGNATURE}`,
  };
}

/**
 * Sent instead of an invitation when the address already has a user: the inviter's answer is the
 * same either way (it never tells whether an address is registered); only the mailbox's owner learns.
 */
export function accountInvitationForExistingUserMail(
  to: string,
  inviterName: string,
  accountName: string,
  portalUrl: string,
): OutboxMail {
  return {
    to,
    template: "account_invitation_existing_user",
    subject: `${inviterName} tried to add you to ${accountName}`,
    text: `${inviterName} tried to add this address to the account "${accountName}". This address already belongs to a user of another account, and an address can belong to one account only, so nothing was changed.\n\nIf you expected the invitation, ask ${inviterName} to invite another address of yours. If you didn't, you can ignore this mail; your account at ${portalUrl} is unchanged.${SIGNATURE}`,
  };
}

export function accountRoleChangedMail(
  to: string,
  accountName: string,
  role: InvitableRole,
  changedBy: string,
): OutboxMail {
  return {
    to,
    template: "account_role_changed",
    subject: `Your role on ${accountName} is now ${role}`,
    text: `${changedBy} changed your role on the account "${accountName}" to ${role}.\n\nIf this looks wrong, talk to the account's owner.${SIGNATURE}`,
  };
}

export function removedFromAccountMail(to: string, accountName: string, removedBy: string): OutboxMail {
  return {
    to,
    template: "account_user_removed",
    subject: `You were removed from ${accountName}`,
    text: `${removedBy} removed you from the account "${accountName}". You were signed out everywhere and can no longer sign in to it.\n\nIf this looks wrong, talk to the account's owner.${SIGNATURE}`,
  };
}

export function ticketReplyMail(
  to: string,
  t: {
    number: number;
    subject: string;
    ticketId: string;
    author: string;
    body: string;
    solved: boolean;
    portalUrl: string;
    /** Files attached to the reply: named in the mail, downloaded only on the signed-in ticket page. */
    attachments?: readonly string[];
  },
): OutboxMail {
  const link = `${t.portalUrl}/tickets/${t.ticketId}`;
  const files = t.attachments ?? [];
  const attached =
    files.length > 0
      ? `\n\n${files.length === 1 ? "1 file is" : `${files.length} files are`} attached on the ticket: ${files.join(", ")}.`
      : "";
  return {
    to,
    template: "ticket_reply",
    subject: `Re: [#${t.number}] ${t.subject}`,
    text: `${t.author} of the Consumer Trust team replied to your ticket #${t.number}:\n\n${t.body}${attached}\n\n${
      t.solved
        ? "We marked the ticket as solved. If something is still wrong, reply on the ticket and it reopens"
        : "To answer, sign in and reply on the ticket"
    }: ${link}\n\nReplies to this email are not read: only a signed-in reply reaches us, so nobody who gets into your mailbox can speak for your account.${SIGNATURE}`,
  };
}

/** A ticket of the customer's was merged with another: where the conversation continues. */
export function ticketMergedMail(
  to: string,
  t: {
    /** The ticket this mail is about (the duplicate, or the one that continues). */
    number: number;
    subject: string;
    /** The duplicate and the ticket the conversation continues on. */
    duplicateNumber: number;
    intoNumber: number;
    intoTicketId: string;
    portalUrl: string;
  },
): OutboxMail {
  const link = `${t.portalUrl}/tickets/${t.intoTicketId}`;
  const what =
    t.number === t.duplicateNumber
      ? `Your ticket #${t.duplicateNumber} was about the same thing as ticket #${t.intoNumber}, so we merged it into #${t.intoNumber}. Nothing is lost: we continue the conversation on #${t.intoNumber}.`
      : `Ticket #${t.duplicateNumber}, about the same thing, was merged into your ticket #${t.intoNumber}. We continue the conversation on #${t.intoNumber}.`;
  return {
    to,
    template: "ticket_merged",
    subject: `[#${t.number}] ${t.subject}: continued on #${t.intoNumber}`,
    text: `${what}\n\nTo read or reply, sign in and open the ticket: ${link}${SIGNATURE}`,
  };
}

/**
 * A ticket crossed 24 h (or 48 h) of the team's time without a first public reply: to its assignee,
 * or to the leads when nobody has it. Names the ticket by number; the link opens it in the dashboard.
 */
export function ticketAgeAlarmMail(
  to: string,
  t: { number: number; subject: string; alarm: "24h" | "48h"; assigned: boolean; dashboardUrl: string },
): OutboxMail {
  const hours = t.alarm === "48h" ? 48 : 24;
  const promise =
    t.alarm === "48h"
      ? "It is past the latest first response we promise (48 hours)."
      : "It has reached the expected first response time (24 hours); the latest we promise is 48 hours.";
  const who = t.assigned
    ? "It is assigned to you."
    : "Nobody is assigned: you get this as a lead. Assign it or answer it.";
  return {
    to,
    template: `ticket_age_alarm_${t.alarm}`,
    subject: `[#${t.number}] waiting ${hours} h for a first reply: ${t.subject}`,
    text: `Ticket #${t.number} "${t.subject}" has waited ${hours} hours of the team's time (time waiting on the customer or on hold not counted) without a first public reply. ${promise}\n\n${who}\n\nOpen it: ${t.dashboardUrl}/tickets/${t.number}`,
  };
}
