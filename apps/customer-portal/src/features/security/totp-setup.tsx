import { parseTotpCode, useFormMutation } from "@trustdesk/client";
import { TotpEnrolmentPanel } from "@trustdesk/ui";
import { type TotpEnrolment, useTRPC } from "../../lib/trpc.ts";

export function TotpSetup({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: TotpEnrolment;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const confirm = useFormMutation(
    trpc.customer.auth.confirmTotpEnrolment.mutationOptions({
      onSuccess: (result) => onConfirmed(result.recoveryCodes),
    }),
  );
  return (
    <TotpEnrolmentPanel
      enrolment={enrolment}
      idPrefix="totp-setup"
      formClassName="security-form"
      errors={confirm.errors}
      onSubmit={confirm.handleSubmit(parseTotpCode)}
      submitting={confirm.isPending}
      submitLabel="Confirm and turn on"
      onCancel={onCancel}
    />
  );
}
