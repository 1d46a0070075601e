import type { BadgeTone } from "@trustdesk/ui";

export const ACCOUNT_STATE_PRESENTATION: Record<string, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  restricted: { label: "Restricted", tone: "danger" },
  closed: { label: "Closed", tone: "neutral" },
};

export function accountStatePresentation(state: string): { label: string; tone: BadgeTone } {
  return ACCOUNT_STATE_PRESENTATION[state] ?? { label: state, tone: "neutral" };
}
