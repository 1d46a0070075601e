import { ENFORCEMENT_REASON_LABELS, LiftDecisionRecord } from "@trustdesk/domain";
import { Card, DescriptionList, StatusPill } from "@trustdesk/ui";
import { Link } from "react-router";
import { formatDateTime, formatDuration } from "../../lib/format.ts";
import type { AccountEnforcement } from "../../lib/trpc.ts";
import { EnforcementEvidenceSummary } from "../enforcements/enforcement-evidence.tsx";
import { staffRefLabel } from "../enforcements/staff-ref.ts";
import { RequirementChecklist } from "../enforcements/unmet-requirements.tsx";
import { useCurrentStaff } from "../session/session-context.tsx";
import { EmptySection } from "./section-table.tsx";

/** Lifted enforcements, newest first, each with its frozen decision record. */
export function PastEnforcements({ enforcements }: { enforcements: readonly AccountEnforcement[] }) {
  if (enforcements.length === 0) {
    return (
      <EmptySection
        icon="file-text"
        title="No past enforcements"
        description="Lifted enforcements appear here with the record of who decided and on what facts."
      />
    );
  }
  return (
    <ol className="past-enforcements">
      {enforcements.map((e) => (
        <li key={e.id}>
          <PastEnforcement enforcement={e} />
        </li>
      ))}
    </ol>
  );
}

function PastEnforcement({ enforcement: e }: { enforcement: AccountEnforcement }) {
  const { staff } = useCurrentStaff();
  const parsed = e.lift_decision ? LiftDecisionRecord.safeParse(e.lift_decision) : null;
  const record = parsed?.success ? parsed.data : null;
  return (
    <Card
      headingLevel={3}
      title={ENFORCEMENT_REASON_LABELS[e.reason]}
      description={
        <>
          {formatDateTime(e.created_at)} → {e.lifted_at ? formatDateTime(e.lifted_at) : "—"}
          {e.lifted_at ? ` (${formatDuration(e.created_at, e.lifted_at)})` : null}
        </>
      }
      actions={<StatusPill tone="neutral">Lifted</StatusPill>}
    >
      {record ? (
        <>
          <DescriptionList
            columns={4}
            items={[
              {
                term: "Lifted by",
                description: staffRefLabel(
                  { ...e.liftedBy, ...record.requester, name: record.requester.name ?? e.liftedBy?.name },
                  staff.id,
                ),
              },
              {
                term: "Approved by",
                description: record.approver
                  ? staffRefLabel(
                      { ...record.approver, name: record.approver.name ?? e.liftApprovedBy?.name },
                      staff.id,
                    )
                  : "No approval needed",
              },
              { term: "Decided", description: formatDateTime(record.decidedAt) },
              ...(record.requestNote ? [{ term: "Requester's note", description: record.requestNote }] : []),
              {
                term: "Case / policy",
                description: (
                  <>
                    {e.case_number ? (
                      <>
                        <Link to={`/cases/${e.case_number}`}>{e.case_number}</Link>
                        {" · "}
                      </>
                    ) : null}
                    <code className="td-code">{record.policyCode}</code>
                  </>
                ),
              },
            ]}
          />
          <details className="decision-record">
            <summary>Decision record: the requirements and evidence as judged</summary>
            <div className="decision-record__body">
              <RequirementChecklist
                requirements={record.requirements}
                label="Requirements when lifted"
                showProgress={false}
              />
              <EnforcementEvidenceSummary evidence={record.evidence} />
            </div>
          </details>
        </>
      ) : (
        <p className="td-text-muted td-text-small">
          No decision record was kept for this lift
          {e.lift_decision ? " (the stored record could not be read)" : ""}.
        </p>
      )}
    </Card>
  );
}
