import { useQueryClient } from "@tanstack/react-query";
import { parseWith, useFormMutation } from "@trustdesk/client";
import {
  RequestTakeoverRecoveryInput,
  TAKEOVER_RECOVERY_CODE_DIGITS,
  TAKEOVER_RECOVERY_CODE_TTL_MINUTES,
  VerifyTakeoverRecoveryInput,
} from "@trustdesk/domain";
import { Alert, Button, EmailField, FormErrorBlock, TextField, useDocumentTitle } from "@trustdesk/ui";
import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "../auth/auth-page.tsx";

/** Where sign-in sends a customer whose account is suspended for takeover. */
export interface RecoverLocationState {
  email?: string;
  /** Masked address the code went to; null when this user is not the account's owner. */
  codeSentTo?: string | null;
}

/**
 * "My account was taken over": the only way back into an account suspended for takeover. A one-time
 * code goes to the owner's address from before the compromise; it opens a recovery sign-in.
 */
export function RecoverAccountPage() {
  const location = useLocation();
  const state = (location.state ?? {}) as RecoverLocationState;
  const [email, setEmail] = useState<string | null>(state.email ?? null);
  const [sentTo, setSentTo] = useState<string | null | undefined>(state.codeSentTo);
  // "I already have a code" (from the suspension's sign-in, or an earlier request): straight to the
  // code, without asking for another one — a new code would replace the one in the mailbox.
  const [haveCode, setHaveCode] = useState(false);

  if (email && sentTo === null) return <NotTheOwner />;
  if (email || haveCode) {
    return (
      <CodeStep
        email={email}
        sentTo={sentTo ?? null}
        onStartOver={() => {
          setEmail(null);
          setHaveCode(false);
        }}
      />
    );
  }
  return (
    <EmailStep
      onSent={(address) => {
        setEmail(address);
        setSentTo(undefined);
      }}
      onHaveCode={() => setHaveCode(true)}
    />
  );
}

const footer = (
  <>
    <p>
      <Link to="/help/sign-in#taken-over">What happens after a takeover</Link>
    </p>
    <p>
      Not suspended? <Link to="/sign-in">Back to sign in</Link>
    </p>
  </>
);

function EmailStep({ onSent, onHaveCode }: { onSent: (email: string) => void; onHaveCode: () => void }) {
  useDocumentTitle("Recover your account");
  const trpc = useTRPC();
  const request = useFormMutation(trpc.customer.auth.requestTakeoverRecovery.mutationOptions());
  const onSubmit = request.handleSubmit(
    (values) => parseWith(RequestTakeoverRecoveryInput, values),
    (input) => ({ onSuccess: () => onSent(input.email) }),
  );
  return (
    <AuthPage
      title="Recover your account"
      description="If your account was suspended after a takeover, we send a one-time code to the address the account had before it was taken over."
      footer={footer}
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Recover your account">
        <FormErrorBlock errors={request.errors} idPrefix="recover" />
        <EmailField
          id="recover-email"
          name="email"
          label="Your account's email address"
          hint="The address you used before the takeover, if someone changed it."
          error={request.errors.fields.email}
        />
        <Button type="submit" size="lg" block loading={request.isPending} loadingLabel="Sending…">
          Send me a recovery code
        </Button>
        <Button variant="secondary" block onClick={onHaveCode}>
          I already have a code
        </Button>
      </form>
    </AuthPage>
  );
}

function CodeStep({
  email,
  sentTo,
  onStartOver,
}: {
  /** Null when the customer came with a code already: they type the address too. */
  email: string | null;
  sentTo: string | null;
  onStartOver: () => void;
}) {
  useDocumentTitle("Enter your recovery code");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const verify = useFormMutation(
    trpc.customer.auth.verifyTakeoverRecovery.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customer.auth.session.queryKey() });
        navigate("/", { replace: true });
      },
    }),
  );
  const onSubmit = verify.handleSubmit((values) =>
    parseWith(VerifyTakeoverRecoveryInput, email ? { ...values, email } : values),
  );
  return (
    <AuthPage
      title="Enter your recovery code"
      description="Your account is suspended after a suspected takeover, so your password alone cannot open it."
      footer={footer}
    >
      <div className="td-stack td-stack--md">
        <Alert tone="info" live="polite">
          {email === null ? (
            <>Enter the address the code was sent to and the code from the newest recovery email.</>
          ) : sentTo ? (
            <>
              We sent a one-time code to <strong>{sentTo}</strong>, the address on file before the takeover.
            </>
          ) : (
            <>
              If <strong>{email}</strong> belongs to an account suspended after a takeover, we sent a one-time
              code to the owner's address from before the takeover.
            </>
          )}{" "}
          It works once and expires in {TAKEOVER_RECOVERY_CODE_TTL_MINUTES} minutes.
        </Alert>
        <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Enter your recovery code">
          <FormErrorBlock errors={verify.errors} idPrefix="recover-code" order={["email", "code"]} />
          {email === null ? (
            <EmailField
              id="recover-code-email"
              name="email"
              label="Your account's email address"
              error={verify.errors.fields.email}
            />
          ) : null}
          <TextField
            id="recover-code-code"
            name="code"
            label="Recovery code"
            hint={`${TAKEOVER_RECOVERY_CODE_DIGITS} digits, as in the email.`}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            required
            error={verify.errors.fields.code}
          />
          <Button type="submit" size="lg" block loading={verify.isPending} loadingLabel="Checking…">
            Continue to recovery
          </Button>
        </form>
        <p className="td-text-small td-text-muted">
          No email after a few minutes? Check your spam folder, then{" "}
          <button type="button" className="td-link-button" onClick={onStartOver}>
            ask for a new code
          </button>
          . Never share the code: our team will never ask you for it.
        </p>
      </div>
    </AuthPage>
  );
}

function NotTheOwner() {
  useDocumentTitle("Account suspended");
  return (
    <AuthPage title="This account is suspended" footer={footer}>
      <Alert tone="warning" title="The owner recovers the account">
        Your account was suspended after a suspected takeover, and nobody can sign in until it is secured. We
        have emailed the account's owner a way back in; once they finish and our team restores the account,
        you can sign in again as usual.
      </Alert>
    </AuthPage>
  );
}
