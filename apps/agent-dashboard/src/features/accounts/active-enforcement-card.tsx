import { ENFORCEMENT_REASON_LABELS, EnforcementEvidence } from "@trustdesk/domain";
import { Alert, Button, Card, Icon, type IconName, StatusPill } from "@trustdesk/ui";
import { type ReactNode, useId, useState } from "react";
import { formatDateTime, formatDuration } from "../../lib/format.ts";
import type { AccountEnforcement } from "../../lib/trpc.ts";
import type { ActionResult } from "../enforcements/action-notice.tsx";
import { ApproveLiftDialog } from "../enforcements/approve-lift-dialog.tsx";
import { EnforcementEvidenceSummary } from "../enforcements/enforcement-evidence.tsx";
import { LiftDialog } from "../enforcements/lift-dialog.tsx";
import {
  DeclineLiftRequestDialog,
  WithdrawLiftRequestDialog,
} from "../enforcements/lift-request-dialogs.tsx";
import { blockingRequirements } from "../enforcements/requirements.ts";
import { RequirementChecklist } from "../enforcements/unmet-requirements.tsx";
import { useCan } from "../session/permissions.ts";
import { useCurrentStaff } from "../session/session-context.tsx";
import { VettingDecisionDialog, type VettingOutcomeChoice } from "../vetting/vetting-decision-dialog.tsx";

const REASON_ICONS: Record<AccountEnforcement["reason"], IconName> = {
  account_takeover: "shield",
  signup_vetting: "user",
  dormancy: "clock",
  exposed_credentials: "key",
  manual: "lock",
};

/** Who asked for an account-takeover lift, as far as the dashboard can name them. */
export interface LiftRequest {
  requestedBy: string;
  note: string | null;
}

type OpenDialog =
  | { kind: "lift" }
  | { kind: "approve" }
  | { kind: "withdraw" }
  | { kind: "decline" }
  | { kind: "vetting"; outcome: VettingOutcomeChoice };

/**
 * One active enforcement: why (reason, evidence, case), where it stands against its reactivation
 * requirements, and the actions the viewer's role allows.
 */
export function ActiveEnforcementCard({
  enforcement: e,
  accountId,
  accountName,
  liftRequest,
  ticketId,
  onDone,
}: {
  enforcement: AccountEnforcement;
  /** The ticket the card is shown beside, if any (a sign-up approval answers it as the appeal). */
  ticketId?: string | undefined;
  accountId: string;
  accountName: string;
  liftRequest: LiftRequest | null;
  onDone: (result: ActionResult) => void;
}) {
  const titleId = useId();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const requirements = e.assessment?.requirements ?? [];
  const requestedBy = liftRequest?.requestedBy ?? e.liftRequestedBy?.name ?? "another staff member";
  const close = () => setDialog(null);
  const done = (result: ActionResult) => {
    setDialog(null);
    onDone(result);
  };

  return (
    <Card
      className="enforcement-card"
      aria-labelledby={titleId}
      headingLevel={3}
      title={
        <span id={titleId} className="enforcement-card__title">
          <span className="enforcement-card__icon" aria-hidden="true">
            <Icon name={REASON_ICONS[e.reason]} size={16} />
          </span>
          {ENFORCEMENT_REASON_LABELS[e.reason]}
        </span>
      }
      description={
        <span className="enforcement-card__meta">
          <span>
            Since {formatDateTime(e.created_at)} ({formatDuration(e.created_at)})
          </span>
          {e.case_number ? (
            <span>
              Case <strong>{e.case_number}</strong>
            </span>
          ) : null}
          <span>
            Policy <code className="td-code">{e.policy_code}</code>
          </span>
        </span>
      }
      actions={
        <>
          {e.lift_requested_at ? <StatusPill tone="info">Awaiting approval</StatusPill> : null}
          <StatusPill tone="danger">Active</StatusPill>
        </>
      }
      footer={
        <EnforcementActions
          enforcement={e}
          liftRequest={liftRequest}
          onOpen={setDialog}
          blockingCount={blockingRequirements(requirements).length}
        />
      }
    >
      <div className="enforcement-card__body">
        <section aria-labelledby={`${titleId}-evidence`}>
          <h4 id={`${titleId}-evidence`} className="enforcement-card__subtitle">
            Evidence
          </h4>
          <EnforcementEvidenceSummary evidence={e.evidence} />
          {e.note ? (
            <p className="enforcement-card__note">
              <strong>Note:</strong> {e.note}
            </p>
          ) : null}
        </section>
        <section aria-labelledby={`${titleId}-checklist`}>
          <h4 id={`${titleId}-checklist`} className="enforcement-card__subtitle">
            Reactivation checklist
          </h4>
          {requirements.length > 0 ? (
            <RequirementChecklist requirements={requirements} />
          ) : (
            <p className="td-text-muted td-text-small">
              No requirement could be assessed for this enforcement.
            </p>
          )}
        </section>
      </div>
      {dialog?.kind === "lift" && e.reason !== "signup_vetting" ? (
        <LiftDialog
          enforcementId={e.id}
          reason={e.reason}
          accountName={accountName}
          onClose={close}
          onDone={done}
        />
      ) : null}
      {dialog?.kind === "approve" ? (
        <ApproveLiftDialog
          enforcementId={e.id}
          accountName={accountName}
          requestedBy={requestedBy}
          onClose={close}
          onDone={done}
        />
      ) : null}
      {dialog?.kind === "withdraw" ? (
        <WithdrawLiftRequestDialog
          enforcementId={e.id}
          accountName={accountName}
          onClose={close}
          onDone={done}
        />
      ) : null}
      {dialog?.kind === "decline" ? (
        <DeclineLiftRequestDialog
          enforcementId={e.id}
          accountName={accountName}
          requestedBy={requestedBy}
          onClose={close}
          onDone={done}
        />
      ) : null}
      {dialog?.kind === "vetting" ? (
        <VettingDecisionDialog
          accountId={accountId}
          accountName={accountName}
          outcome={dialog.outcome}
          appeal={isRejectedSignUp(e.evidence)}
          appealTicketId={ticketId}
          onClose={close}
          onDone={done}
        />
      ) : null}
    </Card>
  );
}

function isRejectedSignUp(evidence: unknown): boolean {
  const parsed = EnforcementEvidence.safeParse(evidence);
  return parsed.success && parsed.data.reason === "signup_vetting" && parsed.data.outcome === "reject";
}

/** The buttons the role allows, each disabled with its reason in text when it cannot succeed yet. */
function EnforcementActions({
  enforcement: e,
  liftRequest,
  onOpen,
  blockingCount,
}: {
  enforcement: AccountEnforcement;
  liftRequest: LiftRequest | null;
  onOpen: (dialog: OpenDialog) => void;
  blockingCount: number;
}) {
  const can = useCan();
  const { staff } = useCurrentStaff();
  const explanationId = useId();
  const blocked =
    blockingCount > 0
      ? `${blockingCount} requirement${blockingCount === 1 ? " is" : "s are"} not met yet: the lift would be refused.`
      : null;

  let status: ReactNode = null;
  let buttons: ReactNode = null;
  let explanation: string | null = null;

  if (e.reason === "account_takeover" && e.lift_requested_at) {
    const mine = e.lift_requested_by_staff_id === staff.id;
    const requestedBy = liftRequest?.requestedBy ?? e.liftRequestedBy?.name ?? "another staff member";
    status = (
      <Alert tone="info" title="Awaiting approval by a lead">
        Requested by {mine ? "you" : requestedBy} on {formatDateTime(e.lift_requested_at)}.
        {(liftRequest?.note ?? e.lift_request_note) ? (
          <> Note: “{liftRequest?.note ?? e.lift_request_note}”</>
        ) : null}
      </Alert>
    );
    const isLead = can("enforcement.approve_ato_lift");
    if (isLead) {
      explanation = mine
        ? "You requested this lift: another lead must approve or decline it (four-eyes)."
        : null;
    } else if (!mine) {
      explanation = "Only a lead can approve or decline the lift of an account-takeover suspension.";
    }
    buttons = (
      <>
        {isLead ? (
          <Button
            icon={<Icon name="unlock" size={15} />}
            disabled={mine}
            aria-describedby={explanation ? explanationId : undefined}
            onClick={() => onOpen({ kind: "approve" })}
          >
            Approve lift
          </Button>
        ) : null}
        {isLead && !mine ? (
          <Button variant="secondary" onClick={() => onOpen({ kind: "decline" })}>
            Decline
          </Button>
        ) : null}
        {mine ? (
          <Button variant="secondary" onClick={() => onOpen({ kind: "withdraw" })}>
            Withdraw my request
          </Button>
        ) : null}
      </>
    );
  } else if (e.reason === "signup_vetting") {
    if (can("vetting.review")) {
      buttons = (
        <>
          <Button onClick={() => onOpen({ kind: "vetting", outcome: "approve" })}>Approve sign-up</Button>
          <Button variant="secondary" onClick={() => onOpen({ kind: "vetting", outcome: "reject" })}>
            Reject sign-up
          </Button>
        </>
      );
    } else {
      explanation = "Your role can't decide on sign-ups.";
    }
  } else if (can("enforcement.lift")) {
    if (e.reason === "account_takeover" && e.lift_declined_at) {
      const by = e.liftDeclinedBy;
      status = (
        <Alert tone="warning" title="The last lift request was declined">
          Declined by {by ? (by.id === staff.id ? "you" : by.name) : "a lead"} on{" "}
          {formatDateTime(e.lift_declined_at)}
          {e.lift_decline_note ? <>: “{e.lift_decline_note}”</> : "."}
        </Alert>
      );
    }
    explanation = blocked;
    const label =
      e.reason === "account_takeover"
        ? "Request lift"
        : e.reason === "dormancy"
          ? "Review and reactivate"
          : "Lift enforcement";
    buttons = (
      <Button
        icon={<Icon name="unlock" size={15} />}
        disabled={blocked !== null}
        aria-describedby={blocked ? explanationId : undefined}
        onClick={() => onOpen({ kind: "lift" })}
      >
        {label}
      </Button>
    );
  } else {
    explanation = "Your role can't lift enforcements.";
  }

  return (
    <div className="enforcement-actions">
      {status}
      {buttons || explanation ? (
        <div className="enforcement-actions__row">
          {buttons}
          {explanation ? (
            <p id={explanationId} className="enforcement-actions__explanation">
              {explanation}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
