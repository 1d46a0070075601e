import { useMutation } from "@tanstack/react-query";
import { toApiError, toFailedSubmit } from "@trustdesk/client";
import { ConfirmTotpInput } from "@trustdesk/domain";
import {
  Button,
  clearedErrors,
  clientErrors,
  ErrorState,
  FormErrorBlock,
  LoadingState,
  NO_FORM_ERRORS,
  parseWith,
  readForm,
  submitErrors,
  TextField,
  TotpEnrolmentDetails,
  useDocumentTitle,
} from "@trustdesk/ui";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";
import { useStartOver } from "./use-start-over.ts";

/** Mandatory TOTP enrolment for a staff member signing in for the first time. */
export function EnrolTotpStep({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  useDocumentTitle("Set up two-step verification");
  const trpc = useTRPC();
  const startOver = useStartOver();
  const [errors, setErrors] = useState(NO_FORM_ERRORS);
  const begin = useMutation(trpc.staff.auth.beginTotpEnrolment.mutationOptions());
  const confirm = useMutation(
    trpc.staff.auth.confirmTotpEnrolment.mutationOptions({
      onSuccess: (result) => onEnrolled(result.recoveryCodes),
      onError: (error) => setErrors((prev) => submitErrors(prev, toFailedSubmit(error))),
    }),
  );

  // Each call issues a new secret, so start exactly once (StrictMode runs effects twice in dev).
  const started = useRef(false);
  const beginEnrolment = begin.mutate;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    beginEnrolment();
  }, [beginEnrolment]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirm.isPending) return;
    const values = readForm(event.currentTarget);
    const parsed = parseWith(ConfirmTotpInput, { code: (values.code ?? "").replace(/\s/g, "") });
    if (!parsed.ok) {
      setErrors((prev) => clientErrors(prev, parsed.fields));
      return;
    }
    setErrors(clearedErrors);
    confirm.mutate(parsed.data);
  };

  let content: ReactNode;
  if (begin.isError) {
    const api = toApiError(begin.error);
    content = (
      <ErrorState
        title="We couldn't start the set-up"
        message={api.message}
        requestId={api.requestId}
        onRetry={() => begin.mutate()}
        retrying={begin.isPending}
      />
    );
  } else if (!begin.data) {
    content = <LoadingState label="Preparing your authenticator set-up…" />;
  } else {
    content = (
      <ol className="td-steps">
        <li>
          <p className="td-steps__title">Scan this QR code with your authenticator app</p>
          <TotpEnrolmentDetails
            qrSvg={begin.data.qrSvg}
            secret={begin.data.secret}
            otpauthUri={begin.data.otpauthUri}
          />
        </li>
        <li>
          <p className="td-steps__title">Enter the 6-digit code the app shows</p>
          <form
            className="td-form enrol-form"
            noValidate
            onSubmit={onSubmit}
            aria-label="Confirm two-step verification"
          >
            <FormErrorBlock errors={errors} idPrefix="staff-enrol" />
            <TextField
              id="staff-enrol-code"
              name="code"
              label="Authentication code"
              className="td-input--code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
              error={errors.fields.code}
            />
            <Button type="submit" loading={confirm.isPending} loadingLabel="Checking…">
              Confirm and continue
            </Button>
          </form>
        </li>
      </ol>
    );
  }

  return (
    <AuthPage
      title="Set up two-step verification"
      description="Every staff account needs a second step at sign-in. Add Trustdesk to an authenticator app such as 1Password, Google Authenticator or Authy."
      width="wide"
      footer={
        <button
          type="button"
          className="td-link-button"
          onClick={() => startOver.mutate()}
          aria-busy={startOver.isPending || undefined}
        >
          Cancel and sign out
        </button>
      }
    >
      {content}
    </AuthPage>
  );
}
