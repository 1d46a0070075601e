import type { FormEvent, ReactNode } from "react";
import { Button } from "./button.tsx";
import { EmailField, PasswordField } from "./field.tsx";
import { FormErrorBlock } from "./form-error-summary.tsx";
import type { FormErrors } from "./form-state.ts";

export interface SignInFormProps {
  /** The form's accessible name, e.g. "Sign in". */
  label: string;
  /** Field ids are `${idPrefix}-email` and `${idPrefix}-password` (the error summary links to them). */
  idPrefix: string;
  emailLabel: string;
  submitLabel: string;
  errors: FormErrors;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  submitting: boolean;
  /** Shown under the error summary, above the fields (e.g. what to do when locked out). */
  alert?: ReactNode;
  /** Shown between the fields and the submit button (e.g. a "Forgot your password?" link). */
  children?: ReactNode;
}

/** Email and password: the first step of signing in, for customers and staff alike. */
export function SignInForm({
  label,
  idPrefix,
  emailLabel,
  submitLabel,
  errors,
  onSubmit,
  submitting,
  alert,
  children,
}: SignInFormProps) {
  return (
    <form className="td-form" noValidate onSubmit={onSubmit} aria-label={label}>
      <FormErrorBlock errors={errors} idPrefix={idPrefix} order={["email", "password"]} />
      {alert}
      <EmailField
        id={`${idPrefix}-email`}
        name="email"
        label={emailLabel}
        autoComplete="username"
        error={errors.fields.email}
      />
      <PasswordField
        id={`${idPrefix}-password`}
        name="password"
        label="Password"
        autoComplete="current-password"
        required
        error={errors.fields.password}
      />
      {children}
      <Button type="submit" size="lg" block loading={submitting} loadingLabel="Signing in…">
        {submitLabel}
      </Button>
    </form>
  );
}
