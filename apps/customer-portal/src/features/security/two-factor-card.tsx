import { useMutation, useQueryClient } from "@tanstack/react-query";
import { parseWith, toApiError, useFormMutation, withTotpCodeTrimmed } from "@trustdesk/client";
import { DisableTotpInput } from "@trustdesk/domain";
import {
  Alert,
  Button,
  Card,
  FormErrorBlock,
  OneTimeCodes,
  PasswordField,
  StatusPill,
  SuccessNotice,
  TextField,
} from "@trustdesk/ui";
import { type ReactNode, useState } from "react";
import { type TotpEnrolment, useTRPC } from "../../lib/trpc.ts";
import { TotpSetup } from "./totp-setup.tsx";

type View =
  | { name: "idle" }
  | { name: "enrolling"; enrolment: TotpEnrolment }
  | { name: "codes"; recoveryCodes: string[] }
  | { name: "disabling" };

export function TwoFactorCard({ enabled, recovery = false }: { enabled: boolean; recovery?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [view, setView] = useState<View>({ name: "idle" });
  const [notice, setNotice] = useState<string | null>(null);
  const refreshSession = () =>
    queryClient.invalidateQueries({ queryKey: trpc.customer.auth.session.queryKey() });

  const begin = useMutation(
    trpc.customer.auth.beginTotpEnrolment.mutationOptions({
      onSuccess: (enrolment) => setView({ name: "enrolling", enrolment }),
    }),
  );

  const status = <StatusPill tone={enabled ? "success" : "warning"}>{enabled ? "On" : "Off"}</StatusPill>;

  let body: ReactNode;
  if (view.name === "enrolling") {
    body = (
      <TotpSetup
        enrolment={view.enrolment}
        onConfirmed={(recoveryCodes) => {
          setView({ name: "codes", recoveryCodes });
          // The codes live in this card's state, so the session can show "On" right away.
          void refreshSession();
        }}
        onCancel={() => setView({ name: "idle" })}
      />
    );
  } else if (view.name === "codes") {
    body = (
      <OneTimeCodes
        codes={view.recoveryCodes}
        fileName="trustdesk-recovery-codes.txt"
        heading="Trustdesk recovery codes"
        onDone={() => {
          setView({ name: "idle" });
          setNotice(
            "Two-step verification is on. You will need a code from your app every time you sign in.",
          );
          void refreshSession();
        }}
      />
    );
  } else if (view.name === "disabling") {
    body = (
      <DisableTotpForm
        onCancel={() => setView({ name: "idle" })}
        onDisabled={() => {
          setView({ name: "idle" });
          setNotice("Two-step verification is off. Your recovery codes no longer work.");
          void refreshSession();
        }}
      />
    );
  } else {
    body = (
      <div className="td-stack td-stack--md">
        <SuccessNotice>{notice}</SuccessNotice>
        {begin.isError ? (
          <Alert tone="danger" live="assertive" title="We couldn't start the set-up">
            {toApiError(begin.error).message}
          </Alert>
        ) : null}
        <p className="td-text-muted">
          {recovery && enabled
            ? "The authenticator on this account may be the intruder's. Set up two-step verification again with your own app: the old one stops working."
            : enabled
              ? "Signing in needs your password and a 6-digit code from your authenticator app. Lost your device? Use one of your recovery codes."
              : "Protect your account with a second step at sign-in: a 6-digit code from an authenticator app such as 1Password, Google Authenticator or Authy."}
        </p>
        <div>
          {recovery && enabled ? (
            <Button loading={begin.isPending} loadingLabel="Preparing…" onClick={() => begin.mutate()}>
              Set up two-step verification again
            </Button>
          ) : enabled ? (
            <Button variant="secondary" onClick={() => setView({ name: "disabling" })}>
              Turn off two-step verification
            </Button>
          ) : (
            <Button loading={begin.isPending} loadingLabel="Preparing…" onClick={() => begin.mutate()}>
              Turn on two-step verification
            </Button>
          )}
        </div>
      </div>
    );
  }

  return (
    <Card title="Two-step verification" actions={status}>
      {body}
    </Card>
  );
}

function DisableTotpForm({ onCancel, onDisabled }: { onCancel: () => void; onDisabled: () => void }) {
  const trpc = useTRPC();
  const disable = useFormMutation(trpc.customer.auth.disableTotp.mutationOptions({ onSuccess: onDisabled }));
  const { errors } = disable;
  const onSubmit = disable.handleSubmit((values) => parseWith(DisableTotpInput, withTotpCodeTrimmed(values)));
  return (
    <form
      className="td-form security-form"
      noValidate
      onSubmit={onSubmit}
      aria-label="Turn off two-step verification"
    >
      <Alert tone="warning">
        Without a second step, anyone who learns your password can sign in. Confirm with your password and a
        current code.
      </Alert>
      <FormErrorBlock errors={errors} idPrefix="disable-totp" order={["password", "code"]} />
      <PasswordField
        id="disable-totp-password"
        name="password"
        label="Password"
        autoComplete="current-password"
        required
        error={errors.fields.password}
      />
      <TextField
        id="disable-totp-code"
        name="code"
        label="Authentication code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        error={errors.fields.code}
      />
      <div className="td-form__actions">
        <Button type="submit" variant="danger" loading={disable.isPending} loadingLabel="Turning off…">
          Turn off
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
