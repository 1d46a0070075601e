import { useMutation } from "@tanstack/react-query";
import { parseTotpCode, toApiError, useFormMutation } from "@trustdesk/client";
import { ErrorState, LoadingState, TotpEnrolmentPanel, useDocumentTitle } from "@trustdesk/ui";
import { type ReactNode, useEffect, useRef } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";
import { useStartOver } from "./use-start-over.ts";

/** Mandatory TOTP enrolment for a staff member signing in for the first time. */
export function EnrolTotpStep({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  useDocumentTitle("Set up two-step verification");
  const trpc = useTRPC();
  const startOver = useStartOver();
  const begin = useMutation(trpc.staff.auth.beginTotpEnrolment.mutationOptions());
  const confirm = useFormMutation(
    trpc.staff.auth.confirmTotpEnrolment.mutationOptions({
      onSuccess: (result) => onEnrolled(result.recoveryCodes),
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
      <TotpEnrolmentPanel
        enrolment={begin.data}
        idPrefix="staff-enrol"
        formClassName="enrol-form"
        errors={confirm.errors}
        onSubmit={confirm.handleSubmit(parseTotpCode)}
        submitting={confirm.isPending}
        submitLabel="Confirm and continue"
      />
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
