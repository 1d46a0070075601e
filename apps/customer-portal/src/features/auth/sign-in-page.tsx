import { useMutation, useQueryClient } from "@tanstack/react-query";
import { parseWith, toApiError, useFormMutation, useSecondFactorForm } from "@trustdesk/client";
import { SignInInput } from "@trustdesk/domain";
import {
  Alert,
  LoadingState,
  SecondFactorForm,
  SignInForm,
  SuccessNotice,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { SessionError } from "../session/session-error.tsx";
import { useSession } from "../session/use-session.ts";
import { AuthPage } from "./auth-page.tsx";

interface SignInLocationState {
  from?: string;
  notice?: "signed_out" | "password_reset";
}

const NOTICES: Record<NonNullable<SignInLocationState["notice"]>, string> = {
  signed_out: "You have signed out.",
  password_reset: "Your password was changed. Sign in with your new password.",
};

export function SignInPage() {
  const session = useSession();
  const location = useLocation();
  const state = (location.state ?? {}) as SignInLocationState;
  const [step, setStep] = useState<"password" | "second_factor">("password");

  if (session.isPending) return <LoadingState fullPage label="Checking your session…" />;
  if (session.isError) return <SessionError session={session} />;
  if (session.data && session.data.stage !== "second_factor") {
    const target = state.from?.startsWith("/") && !state.from.startsWith("//") ? state.from : "/";
    return <Navigate to={target} replace />;
  }
  const owesSecondFactor = step === "second_factor" || session.data?.stage === "second_factor";
  return owesSecondFactor ? (
    <SecondFactorStep onStartOver={() => setStep("password")} />
  ) : (
    <PasswordStep
      notice={state.notice ? NOTICES[state.notice] : null}
      onSecondFactor={() => setStep("second_factor")}
    />
  );
}

function PasswordStep({ notice, onSecondFactor }: { notice: string | null; onSecondFactor: () => void }) {
  useDocumentTitle("Sign in");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signIn = useFormMutation(
    trpc.customer.auth.signIn.mutationOptions({
      onSuccess: async (result, input) => {
        if (result.status === "takeover_recovery") {
          // Suspended for takeover: the password opens nothing; the owner continues with the code.
          navigate("/recover", { state: { email: input.email, codeSentTo: result.codeSentTo } });
          return;
        }
        if (result.status === "second_factor_required") onSecondFactor();
        await queryClient.invalidateQueries({ queryKey: trpc.customer.auth.session.queryKey() });
      },
    }),
  );
  const locked = signIn.isError && toApiError(signIn.error).code === "TOO_MANY_REQUESTS";

  return (
    <AuthPage
      title="Sign in to Trustdesk"
      description="See your account's status, follow your tickets and keep your account secure."
      notice={<SuccessNotice>{notice}</SuccessNotice>}
      footer={
        <>
          <p>
            New here? <Link to="/sign-up">Create an account</Link>
          </p>
          <p>
            <Link to="/help/sign-in">Trouble signing in?</Link>
          </p>
        </>
      }
    >
      <SignInForm
        label="Sign in"
        idPrefix="sign-in"
        emailLabel="Email address"
        submitLabel="Sign in"
        errors={signIn.errors}
        onSubmit={signIn.handleSubmit((values) => parseWith(SignInInput, values))}
        submitting={signIn.isPending}
        alert={
          locked ? (
            <Alert tone="info">
              Locked out? <Link to="/help/sign-in#locked">Here is what you can do</Link>.
            </Alert>
          ) : null
        }
      >
        <p className="sign-in__forgot">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      </SignInForm>
    </AuthPage>
  );
}

function SecondFactorStep({ onStartOver }: { onStartOver: () => void }) {
  useDocumentTitle("Two-step verification");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const secondFactor = useSecondFactorForm(
    trpc.customer.auth.verifySecondFactor.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customer.auth.session.queryKey() }),
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
  return (
    <AuthPage
      title="Two-step verification"
      description="Enter the 6-digit code from your authenticator app to finish signing in."
      footer={
        <p>
          Lost your device? <Link to="/help/sign-in#lost-device">Get help with two-step verification</Link>
        </p>
      }
    >
      <SecondFactorForm
        {...secondFactor.formProps}
        idPrefix="second-factor"
        submitLabel="Verify and sign in"
        codeHint="The 6-digit code changes every 30 seconds."
        recoveryCodeHint="One of the codes you saved when you turned on two-step verification, like abcde-12345. Each code works once."
        onStartOver={() => startOver.mutate()}
        startingOver={startOver.isPending}
      />
    </AuthPage>
  );
}
