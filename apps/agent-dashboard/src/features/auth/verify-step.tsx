import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toFailedSubmit } from "@trustdesk/client";
import { ConfirmTotpInput, RecoveryCode } from "@trustdesk/domain";
import {
  Button,
  clearedErrors,
  clientErrors,
  FormErrorBlock,
  NO_FORM_ERRORS,
  parseWith,
  readForm,
  submitErrors,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";
import { useStartOver } from "./use-start-over.ts";

export function VerifyStep() {
  useDocumentTitle("Two-step verification");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const startOver = useStartOver();
  const [mode, setMode] = useState<"code" | "recovery">("code");
  const [errors, setErrors] = useState(NO_FORM_ERRORS);
  const verify = useMutation(
    trpc.staff.auth.verifySecondFactor.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.staff.auth.session.queryKey() }),
      onError: (error) => setErrors((prev) => submitErrors(prev, toFailedSubmit(error))),
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (verify.isPending) return;
    const values = readForm(event.currentTarget);
    if (mode === "code") {
      const parsed = parseWith(ConfirmTotpInput, { code: (values.code ?? "").replace(/\s/g, "") });
      if (!parsed.ok) {
        setErrors((prev) => clientErrors(prev, parsed.fields));
        return;
      }
      setErrors(clearedErrors);
      verify.mutate({ code: parsed.data.code });
    } else {
      const parsed = RecoveryCode.safeParse(values.recoveryCode ?? "");
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? "Enter a recovery code";
        setErrors((prev) => clientErrors(prev, { recoveryCode: message }));
        return;
      }
      setErrors(clearedErrors);
      verify.mutate({ recoveryCode: parsed.data });
    }
  };

  return (
    <AuthPage
      title="Two-step verification"
      description={
        mode === "code"
          ? "Enter the 6-digit code from your authenticator app."
          : "Enter one of the recovery codes you saved when you set up two-step verification."
      }
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Two-step verification">
        <FormErrorBlock errors={errors} idPrefix="staff-verify" />
        {mode === "code" ? (
          <TextField
            key="code"
            id="staff-verify-code"
            name="code"
            label="Authentication code"
            hint="The code changes every 30 seconds."
            className="td-input--code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            autoFocus
            required
            error={errors.fields.code}
          />
        ) : (
          <TextField
            key="recovery"
            id="staff-verify-recoveryCode"
            name="recoveryCode"
            label="Recovery code"
            hint="Looks like abcde-12345. Each code works once."
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            autoFocus
            required
            error={errors.fields.recoveryCode}
          />
        )}
        <Button type="submit" size="lg" block loading={verify.isPending} loadingLabel="Verifying…">
          Verify and continue
        </Button>
        <div className="td-row td-row--between td-text-small">
          <button
            type="button"
            className="td-link-button"
            onClick={() => {
              setErrors(NO_FORM_ERRORS);
              setMode((m) => (m === "code" ? "recovery" : "code"));
            }}
          >
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
    </AuthPage>
  );
}
