import type { RequirementResult } from "@trustdesk/domain";
import { Checklist } from "@trustdesk/ui";
import { formatDateTime } from "../../lib/format.ts";
import { requirementLabel } from "./requirements.ts";

/** The domain writes instants in its agent texts as ISO 8601; show them as the rest of the page does. */
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

export function readableAgentText(text: string): string {
  return text.replace(ISO_INSTANT, (iso) => formatDateTime(iso));
}

/** A reactivation checklist in the agent's words: each requirement met or not, with the specifics. */
export function RequirementChecklist({
  requirements,
  label = "Reactivation checklist",
  showProgress = true,
}: {
  requirements: readonly RequirementResult[];
  label?: string;
  showProgress?: boolean;
}) {
  return (
    <Checklist
      label={label}
      showProgress={showProgress}
      doneText="Met"
      notDoneText="Not met"
      items={requirements.map((r) => ({
        id: r.code,
        label: requirementLabel(r),
        done: r.met,
        detail: readableAgentText(r.agentText),
      }))}
    />
  );
}

/** What a refused lift said was still missing. */
export function UnmetRequirements({ requirements }: { requirements: readonly RequirementResult[] }) {
  return (
    <RequirementChecklist requirements={requirements} label="Requirements not met" showProgress={false} />
  );
}
