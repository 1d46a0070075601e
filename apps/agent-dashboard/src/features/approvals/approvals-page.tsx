import { useQuery } from "@tanstack/react-query";
import { QueryView } from "@trustdesk/client";
import {
  Alert,
  Button,
  Card,
  CellText,
  DataTable,
  EmptyState,
  Icon,
  PageHeader,
  useDocumentTitle,
  VisuallyHidden,
} from "@trustdesk/ui";
import { useId, useState } from "react";
import { Link } from "react-router";
import { formatDateTime, formatDuration } from "../../lib/format.ts";
import { type PendingApproval, useTRPC } from "../../lib/trpc.ts";
import { accountColumn } from "../accounts/account-link.tsx";
import { ActionNotice, type ActionResult } from "../enforcements/action-notice.tsx";
import { ApproveLiftDialog } from "../enforcements/approve-lift-dialog.tsx";
import {
  DeclineLiftRequestDialog,
  WithdrawLiftRequestDialog,
} from "../enforcements/lift-request-dialogs.tsx";
import { RefreshButton } from "../layout/refresh-button.tsx";
import { staffRoleLabel } from "../layout/staff-role.ts";
import { useCan } from "../session/permissions.ts";
import { useCurrentStaff } from "../session/session-context.tsx";

/** Account-takeover lifts requested and waiting for a lead who did not request them (four-eyes). */
export function ApprovalsPage() {
  useDocumentTitle("Approvals");
  const trpc = useTRPC();
  const can = useCan();
  const { staff } = useCurrentStaff();
  const approvals = useQuery(trpc.staff.enforcements.pendingApprovals.queryOptions());
  const [notice, setNotice] = useState<ActionResult | null>(null);
  const isLead = can("enforcement.approve_ato_lift");

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Lifting an account-takeover suspension takes two people: an agent requests it once the recovery checklist is done, and a different lead approves."
        actions={<RefreshButton query={approvals} />}
      />
      <div className="td-stack">
        <ActionNotice result={notice} onDismiss={() => setNotice(null)} />
        {isLead ? null : (
          <Alert tone="info" title="Only a lead can approve">
            You can follow the lifts waiting here; a lead who did not request a lift approves it.
          </Alert>
        )}
        <Card flush={Boolean(approvals.data?.length)}>
          <QueryView
            query={approvals}
            loadingLabel="Loading the lifts awaiting approval…"
            errorTitle="We couldn't load the approvals"
            empty={
              <EmptyState
                icon="check-circle"
                title="Nothing to approve"
                description="No account-takeover lift is waiting for a lead."
              />
            }
          >
            {(rows) => (
              <DataTable
                caption="Lifts awaiting a lead's approval, oldest request first"
                dense
                rows={rows}
                rowKey={(a) => a.enforcementId}
                columns={[
                  accountColumn((a: PendingApproval) => ({
                    id: a.accountId,
                    name: a.accountName,
                    secondary: a.caseNumber ? (
                      <Link to={`/cases/${a.caseNumber}`}>Case {a.caseNumber}</Link>
                    ) : (
                      "No case"
                    ),
                  })),
                  {
                    key: "requested",
                    header: "Requested by",
                    cell: (a) => (
                      <CellText
                        secondary={
                          a.requestedAt
                            ? `${formatDateTime(a.requestedAt)} (${formatDuration(a.requestedAt)} ago)`
                            : null
                        }
                      >
                        {a.requestedById === staff.id
                          ? "You"
                          : `${a.requestedBy} (${staffRoleLabel(a.requestedByRole).toLowerCase()})`}
                      </CellText>
                    ),
                  },
                  {
                    key: "note",
                    header: "Note",
                    className: "approval-note",
                    cell: (a) => a.note ?? <span className="td-text-muted">No note</span>,
                  },
                  {
                    key: "action",
                    header: <VisuallyHidden>Action</VisuallyHidden>,
                    className: "approval-action",
                    cell: (a) => (
                      <ApproveAction
                        approval={a}
                        canApprove={isLead}
                        mine={a.requestedById === staff.id}
                        onDone={setNotice}
                      />
                    ),
                  },
                ]}
              />
            )}
          </QueryView>
        </Card>
      </div>
    </>
  );
}

/**
 * Approve or decline, for a lead who did not request the lift; "Withdraw my request" for the
 * requester; otherwise why not. Each opens a confirmation first.
 */
function ApproveAction({
  approval: a,
  canApprove,
  mine,
  onDone,
}: {
  approval: PendingApproval;
  canApprove: boolean;
  mine: boolean;
  onDone: (result: ActionResult) => void;
}) {
  const [dialog, setDialog] = useState<"approve" | "decline" | "withdraw" | null>(null);
  const explanationId = useId();
  const close = () => setDialog(null);
  const done = (result: ActionResult) => {
    setDialog(null);
    onDone(result);
  };
  if (!canApprove && !mine) return <span className="td-text-muted td-text-small">Awaiting a lead</span>;
  return (
    <>
      <span className="approval-action__buttons">
        {canApprove ? (
          <Button
            size="sm"
            icon={<Icon name="unlock" size={14} />}
            disabled={mine}
            aria-label={`Approve the lift for ${a.accountName}`}
            aria-describedby={mine ? explanationId : undefined}
            onClick={() => setDialog("approve")}
          >
            Approve lift
          </Button>
        ) : null}
        {canApprove && !mine ? (
          <Button
            size="sm"
            variant="secondary"
            aria-label={`Decline ${a.requestedBy}'s lift request for ${a.accountName}`}
            onClick={() => setDialog("decline")}
          >
            Decline
          </Button>
        ) : null}
        {mine ? (
          <Button
            size="sm"
            variant="secondary"
            aria-label={`Withdraw my lift request for ${a.accountName}`}
            onClick={() => setDialog("withdraw")}
          >
            Withdraw my request
          </Button>
        ) : null}
      </span>
      {mine && canApprove ? (
        <span id={explanationId} className="td-table__secondary">
          You requested it: another lead must approve or decline.
        </span>
      ) : null}
      {dialog === "approve" ? (
        <ApproveLiftDialog
          enforcementId={a.enforcementId}
          accountName={a.accountName}
          requestedBy={a.requestedBy}
          onClose={close}
          onDone={done}
        />
      ) : null}
      {dialog === "decline" ? (
        <DeclineLiftRequestDialog
          enforcementId={a.enforcementId}
          accountName={a.accountName}
          requestedBy={a.requestedBy}
          onClose={close}
          onDone={done}
        />
      ) : null}
      {dialog === "withdraw" ? (
        <WithdrawLiftRequestDialog
          enforcementId={a.enforcementId}
          accountName={a.accountName}
          onClose={close}
          onDone={done}
        />
      ) : null}
    </>
  );
}
