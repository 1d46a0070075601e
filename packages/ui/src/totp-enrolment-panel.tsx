import type { FormEvent } from "react";
import { Button } from "./button.tsx";
import { cx } from "./cx.ts";
import { TextField } from "./field.tsx";
import { FormErrorBlock } from "./form-error-summary.tsx";
import type { FormErrors } from "./form-state.ts";
import { TotpEnrolmentDetails } from "./totp-enrolment-details.tsx";

export interface TotpEnrolmentPanelProps {
  /** The new secret, as the API issued it. */
  enrolment: { qrSvg: string; secret: string; otpauthUri: string };
  /** The code field's id is `${idPrefix}-code`. */
  idPrefix: string;
  errors: FormErrors;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  submitting: boolean;
  submitLabel: string;
  /** Sizes the form to its page, e.g. "security-form". */
  formClassName?: string;
  /** When set, a Cancel button beside the submit button. */
  onCancel?: () => void;
}

/** Turning TOTP on: scan the QR code (or type the key), then confirm with a first code. */
export function TotpEnrolmentPanel({
  enrolment,
  idPrefix,
  errors,
  onSubmit,
  submitting,
  submitLabel,
  formClassName,
  onCancel,
}: TotpEnrolmentPanelProps) {
  const submit = (
    <Button type="submit" loading={submitting} loadingLabel="Checking…">
      {submitLabel}
    </Button>
  );
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
          className={cx("td-form", formClassName)}
          noValidate
          onSubmit={onSubmit}
          aria-label="Confirm two-step verification"
        >
          <FormErrorBlock errors={errors} idPrefix={idPrefix} />
          <TextField
            id={`${idPrefix}-code`}
            name="code"
            label="Authentication code"
            className="td-input--code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            error={errors.fields.code}
          />
          {onCancel ? (
            <div className="td-form__actions">
              {submit}
              <Button variant="ghost" onClick={onCancel}>
                Cancel
              </Button>
            </div>
          ) : (
            submit
          )}
        </form>
      </li>
    </ol>
  );
}
