import { useQueryClient } from "@tanstack/react-query";
import { LoadingState, OneTimeCodes, useDocumentTitle } from "@trustdesk/ui";
import { useState } from "react";
import { Navigate, useLocation } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { SessionError } from "../session/session-error.tsx";
import { useStaffSession } from "../session/use-staff-session.ts";
import { AuthPage } from "./auth-page.tsx";
import { EnrolTotpStep } from "./enrol-totp-step.tsx";
import { PasswordStep } from "./password-step.tsx";
import { VerifyStep } from "./verify-step.tsx";

interface SignInLocationState {
  from?: string;
  notice?: "signed_out";
}

/**
 * Staff sign-in is password, then TOTP: the second step is either the code (enrolled staff) or
 * enrolment itself (mandatory, first sign-in). The session's stage says which; this page follows it.
 */
export function SignInPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useStaffSession();
  const location = useLocation();
  const state = (location.state ?? {}) as SignInLocationState;
  // Shown once after enrolment; held here so a session refetch (now "full") cannot skip past them.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes) {
    return (
      <RecoveryCodesStep
        codes={recoveryCodes}
        onDone={() => {
          setRecoveryCodes(null);
          void queryClient.invalidateQueries({ queryKey: trpc.staff.auth.session.queryKey() });
        }}
      />
    );
  }
  if (session.isPending) return <LoadingState fullPage label="Checking your session…" />;
  if (session.isError) return <SessionError session={session} />;
  if (session.data?.stage === "full") {
    // "/" sends each role to its first section (the queue, or accounts for analysts).
    const target = state.from?.startsWith("/") && !state.from.startsWith("//") ? state.from : "/";
    return <Navigate to={target} replace />;
  }
  if (session.data?.stage === "second_factor") return <VerifyStep />;
  if (session.data?.stage === "totp_enrolment") return <EnrolTotpStep onEnrolled={setRecoveryCodes} />;
  return <PasswordStep notice={state.notice === "signed_out" ? "You have signed out." : null} />;
}

function RecoveryCodesStep({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  useDocumentTitle("Save your recovery codes");
  return (
    <AuthPage
      title="Save your recovery codes"
      description="Two-step verification is on. If you lose your device, one of these codes lets you sign in."
      width="wide"
    >
      <OneTimeCodes
        codes={codes}
        onDone={onDone}
        doneLabel="Continue to the dashboard"
        fileName="trustdesk-staff-recovery-codes.txt"
        heading="Trustdesk staff recovery codes"
      />
    </AuthPage>
  );
}
