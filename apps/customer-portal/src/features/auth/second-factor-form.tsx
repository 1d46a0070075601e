import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toFailedSubmit } from "@trustdesk/client";
import { ConfirmTotpInput, RecoveryCode } from "@trustdesk/domain";
import {
  Button,
  clientErrors,
  FormErrorBlock,
  NO_FORM_ERRORS,
  parseWith,
  readForm,
  submitErrors,
  TextField,
} from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";

/** The second step of sign-in: a TOTP code, or one of the recovery codes shown at enrolment. */
export function SecondFactorForm({ onStartOver }: { onStartOver: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"code" | "recovery">("code");
  const [errors, setErrors] = useState(NO_FORM_ERRORS);

  const verify = useMutation(
    trpc.customer.auth.verifySecondFactor.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customer.auth.session.queryKey() }),
      onError: (error) => setErrors((prev) => submitErrors(prev, toFailedSubmit(error))),
    }),
  );
  const startOver = useMutation(
    trpc.customer.auth.signOut.mutationOptions({
      onSettled: async () => {
        queryClient.setQueryData(trpc.customer.auth.session.queryKey(), null);
        onStartOver();
      },
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (verify.isPending) return;
    const values = readForm(event.currentTarget);
    if (mode === "code") {
      const parsed = parseWith(ConfirmTotpInput, { code: (values.code ?? "").replace(/\s/g, "") });
      if (!parsed.ok) return setErrors((prev) => clientErrors(prev, parsed.fields));
      verify.mutate({ code: parsed.data.code });
    } else {
      const parsed = RecoveryCode.safeParse(values.recoveryCode ?? "");
      if (!parsed.success) {
        return setErrors((prev) =>
          clientErrors(prev, { recoveryCode: parsed.error.issues[0]?.message ?? "Enter a recovery code" }),
        );
      }
      verify.mutate({ recoveryCode: parsed.data });
    }
  };

  const switchMode = () => {
    setErrors(NO_FORM_ERRORS);
    setMode((m) => (m === "code" ? "recovery" : "code"));
  };

  return (
    <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Two-step verification">
      <FormErrorBlock errors={errors} idPrefix="second-factor" />
      {mode === "code" ? (
        <TextField
          key="code"
          id="second-factor-code"
          name="code"
          label="Authentication code"
          hint="The 6-digit code changes every 30 seconds."
          className="td-input--code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          autoFocus
          required
          error={errors.fields.code}
        />
      ) : (
        <TextField
          key="recovery"
          id="second-factor-recoveryCode"
          name="recoveryCode"
          label="Recovery code"
          hint="One of the codes you saved when you turned on two-step verification, like abcde-12345. Each code works once."
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          autoFocus
          required
          error={errors.fields.recoveryCode}
        />
      )}
      <Button type="submit" size="lg" block loading={verify.isPending} loadingLabel="Verifying…">
        Verify and sign in
      </Button>
      <div className="td-row td-row--between td-text-small">
        <button type="button" className="td-link-button" onClick={switchMode}>
          {mode === "code" ? "Use a recovery code instead" : "Use your authenticator app instead"}
        </button>
        <button
          type="button"
          className="td-link-button"
          onClick={() => startOver.mutate()}
          aria-busy={startOver.isPending || undefined}
        >
          Start over
        </button>
      </div>
    </form>
  );
}
