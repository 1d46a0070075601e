import { useMutation } from "@tanstack/react-query";
import { toFailedSubmit } from "@trustdesk/client";
import { RequestPasswordResetInput } from "@trustdesk/domain";
import {
  Alert,
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
import { Link } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";

export function ForgotPasswordPage() {
  useDocumentTitle("Reset your password");
  const trpc = useTRPC();
  const [errors, setErrors] = useState(NO_FORM_ERRORS);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useMutation(
    trpc.customer.auth.requestPasswordReset.mutationOptions({
      onError: (error) => setErrors((prev) => submitErrors(prev, toFailedSubmit(error))),
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.isPending) return;
    const parsed = parseWith(RequestPasswordResetInput, readForm(event.currentTarget));
    if (!parsed.ok) {
      setErrors((prev) => clientErrors(prev, parsed.fields));
      return;
    }
    setErrors((prev) => clearedErrors(prev));
    request.mutate(parsed.data, { onSuccess: () => setSentTo(parsed.data.email) });
  };

  const footer = (
    <>
      <p>
        Remembered it? <Link to="/sign-in">Back to sign in</Link>
      </p>
      <p>
        <Link to="/help/sign-in">More help signing in</Link>
      </p>
    </>
  );

  if (sentTo) {
    return (
      <AuthPage title="Check your email" footer={footer}>
        <div className="td-stack td-stack--md">
          <Alert tone="success" live="polite">
            If an account uses <strong>{sentTo}</strong>, we have sent it a link to choose a new password.
          </Alert>
          <div className="td-prose td-text-small">
            <p>
              The link works once and expires soon. It can take a few minutes to arrive: check your spam
              folder too.
            </p>
            <p>No email? Make sure you used the address you sign in with, then ask for another link.</p>
          </div>
          <Button variant="secondary" block onClick={() => setSentTo(null)}>
            Send another link
          </Button>
        </div>
      </AuthPage>
    );
  }

  return (
    <AuthPage
      title="Reset your password"
      description="Enter the email address you sign in with and we will send you a link to choose a new password."
      footer={footer}
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Reset your password">
        <FormErrorBlock errors={errors} idPrefix="forgot" />
        <TextField
          id="forgot-email"
          name="email"
          type="email"
          label="Email address"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          required
          error={errors.fields.email}
        />
        <Button type="submit" size="lg" block loading={request.isPending} loadingLabel="Sending…">
          Send reset link
        </Button>
      </form>
    </AuthPage>
  );
}
