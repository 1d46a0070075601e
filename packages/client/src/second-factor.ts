import type { UseMutationOptions } from "@tanstack/react-query";
import { ConfirmTotpInput, RecoveryCode, type SecondFactorInput } from "@trustdesk/domain";
import { NO_FORM_ERRORS, type ParseResult, type SecondFactorMode } from "@trustdesk/ui";
import { useState } from "react";
import { useFormMutation } from "./form-mutation.ts";
import { parseWith } from "./parse-with.ts";

/** The form's values with the TOTP code as the API wants it: apps show it as "123 456". */
export function withTotpCodeTrimmed(values: Record<string, string>): Record<string, string> {
  return { ...values, code: (values.code ?? "").replace(/\s/g, "") };
}

/** A form with one TOTP code field (enrolment, the second step of sign-in). */
export function parseTotpCode(values: Record<string, string>): ParseResult<{ code: string }> {
  return parseWith(ConfirmTotpInput, withTotpCodeTrimmed(values));
}

/** The second step of sign-in: the TOTP code, or a recovery code, depending on the form's mode. */
export function parseSecondFactor(
  mode: SecondFactorMode,
  values: Record<string, string>,
): ParseResult<SecondFactorInput> {
  if (mode === "code") return parseTotpCode(values);
  const parsed = RecoveryCode.safeParse(values.recoveryCode ?? "");
  if (parsed.success) return { ok: true, data: { recoveryCode: parsed.data } };
  return { ok: false, fields: { recoveryCode: parsed.error.issues[0]?.message ?? "Enter a recovery code" } };
}

/**
 * The state of `SecondFactorForm` (from `@trustdesk/ui`) around the realm's verify mutation: the mode
 * (switching it clears the errors), validation by mode, and the API's refusal.
 */
export function useSecondFactorForm<TData, TError, TOnMutateResult>(
  verifyOptions: UseMutationOptions<TData, TError, SecondFactorInput, TOnMutateResult>,
) {
  const [mode, setMode] = useState<SecondFactorMode>("code");
  const verify = useFormMutation(verifyOptions);
  return {
    mode,
    /** Spread into `<SecondFactorForm>`. */
    formProps: {
      mode,
      onModeChange: (next: SecondFactorMode) => {
        verify.setErrors(NO_FORM_ERRORS);
        setMode(next);
      },
      errors: verify.errors,
      onSubmit: verify.handleSubmit((values) => parseSecondFactor(mode, values)),
      submitting: verify.isPending,
    },
  };
}
