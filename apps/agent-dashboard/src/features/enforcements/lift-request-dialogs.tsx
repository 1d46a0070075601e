import { useMutation } from "@tanstack/react-query";
import { toDialogError, useFormMutation } from "@trustdesk/client";
import { DeclineLiftRequestInput } from "@trustdesk/domain";
import { ConfirmDialog, FormDialog, type ParseResult } from "@trustdesk/ui";
import { type LiftRequestOutcome, useTRPC } from "../../lib/trpc.ts";
import type { ActionResult } from "./action-notice.tsx";
import type { EnforcementActionDialogProps } from "./dialog-props.ts";
import { NoteField } from "./note-field.tsx";
import { useTrustActionDone } from "./use-refresh-trust-views.ts";

function resultOf(outcome: LiftRequestOutcome, accountName: string): ActionResult {
  switch (outcome.status) {
    case "withdrawn":
      return {
        tone: "success",
        title: "Lift request withdrawn",
        body: `The takeover suspension of ${accountName} stays; anyone may ask for the lift again.`,
      };
    case "declined":
      return {
        tone: "success",
        title: "Lift request declined",
        body: `The requester sees your note on ${accountName}; a new request can be made once it is addressed.`,
      };
    case "no_request":
      return {
        tone: "info",
        title: "No request any more",
        body: "The lift request was withdrawn or decided a moment ago.",
      };
    case "already_lifted":
      return { tone: "info", title: "Already lifted", body: "A lead approved this lift a moment ago." };
  }
}

/** The requester takes back their own account-takeover lift request, after a confirmation. */
export function WithdrawLiftRequestDialog({
  enforcementId,
  accountName,
  onClose,
  onDone,
}: EnforcementActionDialogProps) {
  const trpc = useTRPC();
  const onSuccess = useTrustActionDone(onDone, (outcome: LiftRequestOutcome) =>
    resultOf(outcome, accountName),
  );
  const withdraw = useMutation(trpc.staff.enforcements.withdrawLiftRequest.mutationOptions({ onSuccess }));
  return (
    <ConfirmDialog
      title={`Withdraw your request to lift the takeover suspension of ${accountName}?`}
      confirmLabel="Withdraw my request"
      confirmingLabel="Withdrawing…"
      confirmVariant="secondary"
      confirming={withdraw.isPending}
      onConfirm={() => withdraw.mutate({ enforcementId })}
      onCancel={onClose}
      error={toDialogError(withdraw.error)}
    >
      <p>
        The suspension stays in place and the request leaves the approvals list. You or a colleague can ask
        again later.
      </p>
    </ConfirmDialog>
  );
}

const DECLINE_ID = "decline-lift";

function parseDecline(enforcementId: string, values: Record<string, string>) {
  const parsed = DeclineLiftRequestInput.safeParse({ enforcementId, note: values.note ?? "" });
  return (
    parsed.success
      ? { ok: true, data: parsed.data }
      : { ok: false, fields: { note: parsed.error.issues[0]?.message ?? "Write a note" } }
  ) satisfies ParseResult<DeclineLiftRequestInput>;
}

/** A lead turns someone else's lift request down, with the note the requester will read. */
export function DeclineLiftRequestDialog({
  enforcementId,
  accountName,
  requestedBy,
  onClose,
  onDone,
}: EnforcementActionDialogProps & { requestedBy: string }) {
  const trpc = useTRPC();
  const onSuccess = useTrustActionDone(onDone, (outcome: LiftRequestOutcome) =>
    resultOf(outcome, accountName),
  );
  const decline = useFormMutation(trpc.staff.enforcements.declineLiftRequest.mutationOptions({ onSuccess }));
  const title = `Decline ${requestedBy}'s request to lift the takeover suspension of ${accountName}?`;
  return (
    <FormDialog
      title={title}
      description="The suspension stays. The request is cleared, and a new one can be made afterwards."
      tone="danger"
      onClose={onClose}
      formLabel="Decline the lift request"
      onSubmit={decline.handleSubmit((values) => parseDecline(enforcementId, values))}
      submitting={decline.isPending}
      submitLabel="Decline request"
      submittingLabel="Declining…"
      submitVariant="danger"
      errors={decline.errors}
      idPrefix={DECLINE_ID}
      errorOrder={["note"]}
    >
      <NoteField
        idPrefix={DECLINE_ID}
        errors={decline.errors}
        label="Why the lift is declined"
        hint={`${requestedBy} reads it on the account: say what must happen before a new request. Internal: never shown to the customer.`}
      />
    </FormDialog>
  );
}
