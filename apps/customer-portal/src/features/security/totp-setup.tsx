import { useMutation } from "@tanstack/react-query";
import { toFailedSubmit } from "@trustdesk/client";
import { ConfirmTotpInput } from "@trustdesk/domain";
import {
  Button,
  clientErrors,
  FormErrorBlock,
  NO_FORM_ERRORS,
  parseWith,
  readForm,
  submitErrors,
  TextField,
  TotpEnrolmentDetails,
} from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
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
  const [errors, setErrors] = useState(NO_FORM_ERRORS);
  const confirm = useMutation(
    trpc.customer.auth.confirmTotpEnrolment.mutationOptions({
      onSuccess: (result) => onConfirmed(result.recoveryCodes),
      onError: (error) => setErrors((prev) => submitErrors(prev, toFailedSubmit(error))),
    }),
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirm.isPending) return;
    const values = readForm(event.currentTarget);
    const parsed = parseWith(ConfirmTotpInput, { code: (values.code ?? "").replace(/\s/g, "") });
    if (!parsed.ok) {
      setErrors((prev) => clientErrors(prev, parsed.fields));
      return;
    }
    confirm.mutate(parsed.data);
  };
  return (
    <ol className="td-steps">
      <li>
        <p className="td-steps__title">Scan this QR code with your authenticator app</p>
        <TotpEnrolmentDetails
          qrSvg={enrolment.qrSvg}
          secret={enrolment.secret}
          otpauthUri={enrolment.otpauthUri}
        />
      </li>
      <li>
        <p className="td-steps__title">Enter the 6-digit code the app shows</p>
        <form
          className="td-form security-form"
          noValidate
          onSubmit={onSubmit}
          aria-label="Confirm two-step verification"
        >
          <FormErrorBlock errors={errors} idPrefix="totp-setup" />
          <TextField
            id="totp-setup-code"
            name="code"
            label="Authentication code"
            className="td-input--code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            error={errors.fields.code}
          />
          <div className="td-form__actions">
            <Button type="submit" loading={confirm.isPending} loadingLabel="Checking…">
              Confirm and turn on
            </Button>
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </form>
      </li>
    </ol>
  );
}
