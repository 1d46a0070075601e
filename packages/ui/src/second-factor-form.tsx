import type { FormEvent, ReactNode } from "react";
import { Button } from "./button.tsx";
import { TextField } from "./field.tsx";
import { FormErrorBlock } from "./form-error-summary.tsx";
import type { FormErrors } from "./form-state.ts";

/** What the person enters at the second step: a code from the app, or a saved recovery code. */
export type SecondFactorMode = "code" | "recovery";

export interface SecondFactorFormProps {
  /** Field ids are `${idPrefix}-code` and `${idPrefix}-recoveryCode`. */
  idPrefix: string;
  mode: SecondFactorMode;
  /** The person switched between the code and a recovery code. */
  onModeChange: (mode: SecondFactorMode) => void;
  errors: FormErrors;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  submitting: boolean;
  submitLabel: string;
  codeHint: ReactNode;
  recoveryCodeHint: ReactNode;
  /** Abandons the half-finished sign-in. */
  onStartOver: () => void;
  startingOver: boolean;
}

/** The second step of signing in: a TOTP code, or one of the recovery codes shown at enrolment. */
export function SecondFactorForm({
  idPrefix,
  mode,
  onModeChange,
  errors,
  onSubmit,
  submitting,
  submitLabel,
  codeHint,
  recoveryCodeHint,
  onStartOver,
  startingOver,
}: SecondFactorFormProps) {
  return (
    <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Two-step verification">
      <FormErrorBlock errors={errors} idPrefix={idPrefix} />
      <TextField
        key={mode}
        {...(mode === "code"
          ? {
              id: `${idPrefix}-code`,
              name: "code",
              label: "Authentication code",
              hint: codeHint,
              className: "td-input--code",
              inputMode: "numeric",
              autoComplete: "one-time-code",
              pattern: "[0-9 ]*",
              maxLength: 7,
            }
          : {
              id: `${idPrefix}-recoveryCode`,
              name: "recoveryCode",
              label: "Recovery code",
              hint: recoveryCodeHint,
              autoComplete: "off",
              spellCheck: false,
              autoCapitalize: "off",
            })}
        autoFocus
        required
        error={mode === "code" ? errors.fields.code : errors.fields.recoveryCode}
      />
      <Button type="submit" size="lg" block loading={submitting} loadingLabel="Verifying…">
        {submitLabel}
      </Button>
      <div className="td-row td-row--between td-text-small">
        <button
          type="button"
          className="td-link-button"
          onClick={() => onModeChange(mode === "code" ? "recovery" : "code")}
        >
          {mode === "code" ? "Use a recovery code instead" : "Use your authenticator app instead"}
        </button>
        <button
          type="button"
          className="td-link-button"
          onClick={onStartOver}
          aria-busy={startingOver || undefined}
        >
          Start over
        </button>
      </div>
    </form>
  );
}
