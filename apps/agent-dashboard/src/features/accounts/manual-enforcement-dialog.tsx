import { parseWith, useFormMutation } from "@trustdesk/client";
import {
  MANUAL_ENFORCEMENT_REASON_LABELS,
  ManualEnforcementInput,
  ManualEnforcementReason,
} from "@trustdesk/domain";
import { FormDialog, SelectField } from "@trustdesk/ui";
import { useTRPC } from "../../lib/trpc.ts";
import type { AccountActionDialogProps } from "../enforcements/dialog-props.ts";
import { NoteField } from "../enforcements/note-field.tsx";
import { useTrustActionDone } from "../enforcements/use-refresh-trust-views.ts";

const ID = "manual-enforcement";

/** Restrict an account by hand: a reason from the domain's list and an internal note. */
export function ManualEnforcementDialog(props: AccountActionDialogProps) {
  const { accountId, accountName, onClose, onDone } = props;
  const trpc = useTRPC();
  const onSuccess = useTrustActionDone(onDone, () => ({
    tone: "success",
    title: "Manual enforcement applied",
    body: `${accountName} is restricted: sending and API access are blocked until the enforcement is lifted.`,
  }));
  const open = useFormMutation(trpc.staff.enforcements.openManual.mutationOptions({ onSuccess }));
  return (
    <FormDialog
      title={`Restrict ${accountName}`}
      description="Sending and API access are blocked at once. The customer sees only that the account is restricted and that they can open a ticket."
      tone="danger"
      onClose={onClose}
      formLabel="Open manual enforcement"
      onSubmit={open.handleSubmit((values) => parseWith(ManualEnforcementInput, { ...values, accountId }))}
      submitting={open.isPending}
      submitLabel="Restrict account"
      submittingLabel="Restricting…"
      errors={open.errors}
      idPrefix={ID}
      errorOrder={["reason", "note"]}
    >
      <SelectField
        id={`${ID}-reason`}
        name="reason"
        label="Reason"
        defaultValue=""
        error={open.errors.fields.reason}
      >
        <option value="" disabled>
          Choose a reason…
        </option>
        {ManualEnforcementReason.options.map((reason) => (
          <option key={reason} value={reason}>
            {MANUAL_ENFORCEMENT_REASON_LABELS[reason]}
          </option>
        ))}
      </SelectField>
      <NoteField
        idPrefix={ID}
        errors={open.errors}
        label="Note"
        rows={5}
        hint="What you saw and why it warrants a restriction, for the next person. Internal: never shown to the customer."
      />
    </FormDialog>
  );
}
