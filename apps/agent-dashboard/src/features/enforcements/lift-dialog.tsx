import { useFormMutation } from "@trustdesk/client";
import {
  DormancyReviewDecision,
  ENFORCEMENT_REASON_LABELS,
  type EnforcementReason,
  StaffNote,
} from "@trustdesk/domain";
import { Alert, FormDialog, type ParseResult, RadioGroup } from "@trustdesk/ui";
import { type LiftInput, type LiftOutcome, useTRPC } from "../../lib/trpc.ts";
import type { ActionResult } from "./action-notice.tsx";
import type { EnforcementActionDialogProps } from "./dialog-props.ts";
import { NoteField } from "./note-field.tsx";
import { unmetRequirementsOf } from "./requirements.ts";
import { UnmetRequirements } from "./unmet-requirements.tsx";
import { useTrustActionDone } from "./use-refresh-trust-views.ts";

type LiftableReason = Exclude<EnforcementReason, "signup_vetting">;

const COPY: Record<LiftableReason, { title: string; submit: string; submitting: string }> = {
  account_takeover: {
    title: "Request the lift of the takeover suspension",
    submit: "Request lift",
    submitting: "Requesting…",
  },
  dormancy: { title: "Review the reactivation request", submit: "Complete review", submitting: "Saving…" },
  exposed_credentials: {
    title: "Lift the exposed-credentials enforcement",
    submit: "Lift enforcement",
    submitting: "Lifting…",
  },
  manual: { title: "Lift the manual restriction", submit: "Lift restriction", submitting: "Lifting…" },
};

const ID = "lift";

function parseLift(reason: LiftableReason, enforcementId: string, values: Record<string, string>) {
  const fields: Record<string, string> = {};
  const note = (values.note ?? "").trim();
  const input: LiftInput = { enforcementId };
  // A manual restriction ends by a staff decision, and the note is that decision: the domain's rule.
  if (reason === "manual" || note) {
    const parsed = StaffNote.safeParse(note);
    if (parsed.success) input.note = parsed.data;
    else fields.note = parsed.error.issues[0]?.message ?? "Write a note";
  }
  if (reason === "dormancy") {
    const decision = DormancyReviewDecision.find((d) => d === values.dormancyDecision);
    if (decision) input.dormancyDecision = decision;
    else fields.dormancyDecision = "Choose whether to reactivate the account or send it back through vetting";
  }
  return (
    Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, data: input }
  ) satisfies ParseResult<LiftInput>;
}

function resultOf(outcome: LiftOutcome, accountName: string): ActionResult {
  switch (outcome.status) {
    case "lifted":
      return outcome.accountRestored
        ? {
            tone: "success",
            title: "Enforcement lifted",
            body: `${accountName} is active again: sending and API access are restored, and the customer is emailed.`,
            outcome: "enforcement_lifted",
          }
        : {
            tone: "success",
            title: "Enforcement lifted",
            body: `Other restrictions still hold ${accountName}; it stays restricted until they are lifted too.`,
            outcome: "enforcement_lifted",
          };
    case "awaiting_approval":
      return {
        tone: "info",
        title: "Lift requested",
        body: "A lead other than you must approve it before access returns. It is listed under Approvals.",
        outcome: "lift_requested",
      };
    case "already_lifted":
      return { tone: "info", title: "Already lifted", body: "Someone lifted this enforcement a moment ago." };
  }
}

/** Lift an enforcement (or, for an account takeover, ask a lead to) with the note for the record. */
export function LiftDialog({
  enforcementId,
  reason,
  accountName,
  onClose,
  onDone,
}: EnforcementActionDialogProps & { reason: LiftableReason }) {
  const trpc = useTRPC();
  const onSuccess = useTrustActionDone(onDone, (outcome: LiftOutcome) => resultOf(outcome, accountName));
  const lift = useFormMutation(trpc.staff.enforcements.lift.mutationOptions({ onSuccess }));
  const unmet = unmetRequirementsOf(lift.error);
  const copy = COPY[reason];

  return (
    <FormDialog
      title={copy.title}
      description={`${accountName} · ${ENFORCEMENT_REASON_LABELS[reason]}`}
      onClose={onClose}
      formLabel={copy.title}
      onSubmit={lift.handleSubmit((values) => parseLift(reason, enforcementId, values))}
      submitting={lift.isPending}
      submitLabel={copy.submit}
      submittingLabel={copy.submitting}
      errors={
        unmet.length > 0 ? { ...lift.errors, message: "Not every requirement is met yet" } : lift.errors
      }
      idPrefix={ID}
      errorOrder={["dormancyDecision", "note"]}
    >
      {unmet.length > 0 ? <UnmetRequirements requirements={unmet} /> : null}
      {reason === "account_takeover" ? (
        <Alert tone="info" title="Two people lift a takeover suspension">
          The recovery checklist is done. A lead other than you approves the lift before sending and API
          access return.
        </Alert>
      ) : null}
      {reason === "dormancy" ? (
        <RadioGroup
          id={`${ID}-dormancyDecision`}
          name="dormancyDecision"
          legend="Decision"
          error={lift.errors.fields.dormancyDecision}
          options={[
            {
              value: "reactivate",
              label: "Reactivate the account",
              hint: "The customer's plans are credible; the account can send again at once.",
            },
            {
              value: "send_to_vetting",
              label: "Send it back through sign-up vetting",
              hint: "Lifts the deactivation and runs the new-account checks again, which may restrict it.",
            },
          ]}
        />
      ) : null}
      <NoteField
        idPrefix={ID}
        errors={lift.errors}
        optional={reason !== "manual"}
        hint={
          reason === "manual"
            ? "Why the restriction can end. Internal: the customer never sees it."
            : "Internal: kept with the decision, never shown to the customer."
        }
      />
    </FormDialog>
  );
}
