import type { StaffRole, StaffStatus } from "@trustdesk/domain";
import type { BadgeTone } from "@trustdesk/ui";

export const STATUS_LABELS: Record<StaffStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  invited: { label: "Invited", tone: "info" },
  totp_pending: { label: "2FA pending", tone: "warning" },
  deactivated: { label: "Deactivated", tone: "neutral" },
};

/** What each role is for, in the invitation and role-change forms. */
export const ROLE_HINTS: Record<StaffRole, string> = {
  agent: "Agent — works tickets and sign-up vetting, lifts restrictions",
  lead: "Lead — an agent who also reassigns tickets and approves takeover lifts",
  admin: "Admin — everything, plus staff administration and the vetting policy",
  fraud_analyst: "Fraud analyst — views accounts, reports compromises, opens enforcements",
  security_analyst: "Security analyst — views accounts, reports compromises, opens enforcements",
};
