import type { OutboxMail } from "@trustdesk/db";
import type { StaffRole } from "@trustdesk/domain";

/**
 * Mails to colleagues about their staff access. Plain text, like every mail; the only secret a
 * staff mail ever carries is the invitation's single-use link.
 */
const SIGNATURE = "\n\n— Trustdesk staff administration";

const ROLE_NAMES: Record<StaffRole, string> = {
  agent: "an agent",
  lead: "a lead",
  admin: "an admin",
  fraud_analyst: "a fraud analyst",
  security_analyst: "a security analyst",
};

export function staffInvitationMail(
  to: string,
  inviterName: string | null,
  role: StaffRole,
  link: string,
  ttlDays: number,
): OutboxMail {
  const who = inviterName ?? "An administrator";
  return {
    to,
    template: "staff_invitation",
    subject: `${who} invited you to the Trustdesk dashboard`,
    text: `${who} invited you to join the Trustdesk team as ${ROLE_NAMES[role]}.\n\nOpen this link within ${ttlDays} days (it works once), choose your password, then set up two-step verification with an authenticator app:\n${link}\n\nIf you didn't expect this, ignore this mail: nothing happens unless you open the link.${SIGNATURE}`,
  };
}

export function staffRoleChangedMail(to: string, by: string, role: StaffRole): OutboxMail {
  return {
    to,
    template: "staff_role_changed",
    subject: "Your Trustdesk role changed",
    text: `${by} made you ${ROLE_NAMES[role]} on the Trustdesk dashboard. What you can see and do there changed with it.${SIGNATURE}`,
  };
}

export function staffDeactivatedMail(to: string, by: string): OutboxMail {
  return {
    to,
    template: "staff_deactivated",
    subject: "Your Trustdesk access was deactivated",
    text: `${by} deactivated your Trustdesk staff account: you were signed out everywhere and cannot sign in. If you think this is a mistake, talk to an admin of your team.${SIGNATURE}`,
  };
}

export function staffReactivatedMail(to: string, by: string, signInUrl: string): OutboxMail {
  return {
    to,
    template: "staff_reactivated",
    subject: "Your Trustdesk access is back",
    text: `${by} reactivated your Trustdesk staff account. Sign in at ${signInUrl} with your email and password.${SIGNATURE}`,
  };
}

export function staffTwoFactorResetMail(to: string, by: string, signInUrl: string): OutboxMail {
  return {
    to,
    template: "staff_two_factor_reset",
    subject: "Your Trustdesk two-step verification was reset",
    text: `${by} reset your two-step verification: your authenticator and recovery codes no longer work, and you were signed out everywhere. At your next sign-in at ${signInUrl} you will set up an authenticator app again.\n\nIf you didn't ask for this, tell your team's admins at once.${SIGNATURE}`,
  };
}
