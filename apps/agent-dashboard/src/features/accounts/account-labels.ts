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
