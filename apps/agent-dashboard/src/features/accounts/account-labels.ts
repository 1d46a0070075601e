import type { AccountPlan, AccountState, CredentialExposureSource, VettingOutcome } from "@trustdesk/domain";
import type { BadgeTone } from "@trustdesk/ui";

type Presentation = { label: string; tone: BadgeTone };

const STATES: Record<AccountState, Presentation> = {
  active: { label: "Active", tone: "success" },
  restricted: { label: "Restricted", tone: "danger" },
  closed: { label: "Closed", tone: "neutral" },
};

export function accountState(state: AccountState): Presentation {
  return STATES[state] ?? { label: state, tone: "neutral" };
}

const PLANS: Record<AccountPlan, string> = {
  free: "Free",
  essentials: "Essentials",
  pro: "Pro",
  premier: "Premier",
};

export function planName(plan: AccountPlan): string {
  return PLANS[plan] ?? plan;
}

export const EXPOSURE_SOURCE_LABELS: Record<CredentialExposureSource, string> = {
  partner_webhook: "Secret-scanning partner",
  exposure_scan: "Our exposure scan",
  ticket: "Pasted in a ticket",
  staff: "Reported by staff",
};

const OUTCOMES: Record<VettingOutcome, Presentation> = {
  approve: { label: "Approve", tone: "success" },
  review: { label: "Review", tone: "warning" },
  reject: { label: "Reject", tone: "danger" },
};

export function vettingOutcome(outcome: VettingOutcome): Presentation {
  return OUTCOMES[outcome] ?? { label: outcome, tone: "neutral" };
}

/** Audit actions in words; an action not listed here is shown as its code. */
const AUDIT_ACTIONS: Record<string, string> = {
  "account.compromise_reported": "Compromise reported",
  "account.signed_up": "Signed up",
  "api_key.revoked": "API key revoked",
  "auth.password_changed": "Password changed",
  "auth.password_reset": "Password reset",
  "auth.password_reset_requested": "Password reset requested",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.totp_disabled": "2FA turned off",
  "auth.totp_enabled": "2FA turned on",
  "auth.totp_enrolment_started": "2FA set-up started",
  "case.extended": "Case extended",
  "case.opened": "Case opened",
  "case.resolved": "Case resolved",
  "credential_exposure.recorded": "Key exposure recorded",
  "enforcement.created": "Enforcement applied",
  "enforcement.lift_requested": "Lift requested",
  "enforcement.lifted": "Enforcement lifted",
  "vetting.decided": "Vetting decided",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}

/** The first block of a UUID: enough to tell staff members apart where no name is available. */
export function shortId(id: string): string {
  return id.split("-")[0] ?? id;
}
