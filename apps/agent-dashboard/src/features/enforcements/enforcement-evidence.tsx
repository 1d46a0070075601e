import { EnforcementEvidence, MANUAL_ENFORCEMENT_REASON_LABELS } from "@trustdesk/domain";
import { Alert, type DescriptionItem, DescriptionList } from "@trustdesk/ui";
import { Link } from "react-router";
import { formatDateTime, formatLongDay } from "../../lib/format.ts";
import { EXPOSURE_SOURCE_LABELS, planName } from "../accounts/account-labels.ts";
import { ExternalLocation } from "./external-location.tsx";

/**
 * The agent-facing evidence of an enforcement, by reason. Stored as JSON; read with the domain's
 * schema so the fields are typed (a row that does not parse is shown as such, never guessed at).
 */
export function EnforcementEvidenceSummary({ evidence }: { evidence: unknown }) {
  const parsed = EnforcementEvidence.safeParse(evidence);
  if (!parsed.success) {
    return (
      <Alert tone="warning" title="The evidence could not be read">
        It does not match this reason's evidence format. Check the audit trail for what was recorded.
      </Alert>
    );
  }
  const e = parsed.data;
  let items: DescriptionItem[];
  switch (e.reason) {
    case "account_takeover":
      items = [
        {
          term: "Reported by",
          description: e.reporterKind === "fraud_analyst" ? "A fraud analyst" : "An internal detector",
        },
        { term: "Reported", description: formatDateTime(e.reportedAt) },
        { term: "Report id", description: <code className="td-code">{e.reportId}</code> },
        { term: "Summary", description: e.summary ?? "—" },
        {
          term: "Signals",
          description:
            e.signals.length > 0 ? (
              <ul className="evidence-list">
                {e.signals.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            ) : (
              "None given"
            ),
        },
      ];
      break;
    case "signup_vetting":
      items = [
        { term: "Policy outcome", description: e.outcome === "review" ? "Review" : "Reject" },
        { term: "Score", description: e.score },
        {
          term: "Policy version",
          description: (
            <Link to={`/vetting-policy?version=${e.policyVersion}`}>Version {e.policyVersion}</Link>
          ),
        },
        { term: "Fired rules", description: <a href="#vetting">See the vetting decisions</a> },
      ];
      break;
    case "dormancy":
      items = [
        {
          term: "Last activity",
          description: e.lastActivityDay ? formatLongDay(e.lastActivityDay) : "Never",
        },
        { term: "Plan", description: planName(e.plan) },
        { term: "Dormancy period", description: `${e.dormancyDays} days without activity` },
      ];
      break;
    case "exposed_credentials":
      items = [
        {
          term: e.keys.length === 1 ? "Exposed key" : "Exposed keys",
          description: (
            <ul className="evidence-list">
              {e.keys.map((k) => (
                <li key={k.apiKeyId}>
                  {k.name} <code className="td-code">{k.keyPrefix}</code>
                </li>
              ))}
            </ul>
          ),
        },
        { term: "Found by", description: EXPOSURE_SOURCE_LABELS[e.source] ?? e.source },
        { term: "Found", description: formatDateTime(e.foundAt) },
        { term: "Where", description: <ExternalLocation location={e.location} /> },
      ];
      break;
    case "manual":
      items = [
        { term: "Why", description: MANUAL_ENFORCEMENT_REASON_LABELS[e.manualReason] ?? e.manualReason },
        { term: "Note", description: <span className="pre-wrap">{e.note}</span> },
      ];
      break;
  }
  return <DescriptionList items={items} columns={1} className="evidence" />;
}
