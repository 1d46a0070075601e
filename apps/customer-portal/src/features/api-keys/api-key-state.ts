import type { BadgeTone } from "@trustdesk/ui";
import type { CustomerApiKey } from "../../lib/trpc.ts";

const PRESENTATION: Record<CustomerApiKey["state"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  disabled: { label: "Disabled", tone: "warning" },
  revoked: { label: "Revoked", tone: "neutral" },
};

export function apiKeyStatePresentation(state: CustomerApiKey["state"]): { label: string; tone: BadgeTone } {
  return PRESENTATION[state] ?? { label: state, tone: "neutral" };
}
