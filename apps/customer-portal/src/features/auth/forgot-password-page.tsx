import { parseWith, useFormMutation } from "@trustdesk/client";
import { RequestPasswordResetInput } from "@trustdesk/domain";
import { Alert, Button, EmailField, FormErrorBlock, useDocumentTitle } from "@trustdesk/ui";
import { useState } from "react";
import { Link } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";

export function ForgotPasswordPage() {
  useDocumentTitle("Reset your password");
  const trpc = useTRPC();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useFormMutation(trpc.customer.auth.requestPasswordReset.mutationOptions());
  const onSubmit = request.handleSubmit(
    (values) => parseWith(RequestPasswordResetInput, values),
    (input) => ({ onSuccess: () => setSentTo(input.email) }),
  );

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
        <FormErrorBlock errors={request.errors} idPrefix="forgot" />
        <EmailField
          id="forgot-email"
          name="email"
          label="Email address"
          error={request.errors.fields.email}
        />
        <Button type="submit" size="lg" block loading={request.isPending} loadingLabel="Sending…">
          Send reset link
        </Button>
      </form>
    </AuthPage>
  );
}
