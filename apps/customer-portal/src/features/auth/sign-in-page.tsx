import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toApiError, toFailedSubmit } from "@trustdesk/client";
import { SignInInput } from "@trustdesk/domain";
import {
  Alert,
  Button,
  clearedErrors,
  clientErrors,
  FormErrorBlock,
  LoadingState,
  NO_FORM_ERRORS,
  PasswordField,
  parseWith,
  readForm,
  submitErrors,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { FullPageError } from "../session/full-page-error.tsx";
import { useSession } from "../session/use-session.ts";
import { AuthPage } from "./auth-page.tsx";
import { SecondFactorForm } from "./second-factor-form.tsx";

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
  if (session.isError) {
    return (
      <FullPageError
        error={session.error}
        onRetry={() => void session.refetch()}
        retrying={session.isFetching}
      />
    );
  }
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
  const [errors, setErrors] = useState(NO_FORM_ERRORS);
  const signIn = useMutation(
    trpc.customer.auth.signIn.mutationOptions({
      onSuccess: async (result) => {
        if (result.status === "second_factor_required") onSecondFactor();
        await queryClient.invalidateQueries({ queryKey: trpc.customer.auth.session.queryKey() });
      },
      onError: (error) => setErrors((prev) => submitErrors(prev, toFailedSubmit(error))),
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const parsed = parseWith(SignInInput, readForm(event.currentTarget));
    if (!parsed.ok) {
      setErrors((prev) => clientErrors(prev, parsed.fields));
      return;
    }
    setErrors((prev) => clearedErrors(prev));
    signIn.mutate(parsed.data);
  };

  const locked = signIn.isError && toApiError(signIn.error).code === "TOO_MANY_REQUESTS";

  return (
    <AuthPage
      title="Sign in to Trustdesk"
      description="See your account's status, follow your tickets and keep your account secure."
      notice={
        notice ? (
          <Alert tone="success" live="polite">
            {notice}
          </Alert>
        ) : null
      }
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
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Sign in">
        <FormErrorBlock errors={errors} idPrefix="sign-in" order={["email", "password"]} />
        {locked ? (
          <Alert tone="info">
            Locked out? <Link to="/help/sign-in#locked">Here is what you can do</Link>.
          </Alert>
        ) : null}
        <TextField
          id="sign-in-email"
          name="email"
          type="email"
          label="Email address"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          error={errors.fields.email}
        />
        <PasswordField
          id="sign-in-password"
          name="password"
          label="Password"
          autoComplete="current-password"
          required
          error={errors.fields.password}
        />
        <p className="sign-in__forgot">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <Button type="submit" size="lg" block loading={signIn.isPending} loadingLabel="Signing in…">
          Sign in
        </Button>
      </form>
    </AuthPage>
  );
}

function SecondFactorStep({ onStartOver }: { onStartOver: () => void }) {
  useDocumentTitle("Two-step verification");
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
      <SecondFactorForm onStartOver={onStartOver} />
    </AuthPage>
  );
}
