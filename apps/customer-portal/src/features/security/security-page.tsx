import { Alert, PageHeader, useDocumentTitle } from "@trustdesk/ui";
import { useCurrentSession } from "../session/session-context.tsx";
import { ChangePasswordCard } from "./change-password-card.tsx";
import { SetRecoveryPasswordCard } from "./set-recovery-password-card.tsx";
import { TwoFactorCard } from "./two-factor-card.tsx";

export function SecurityPage() {
  useDocumentTitle("Security");
  const session = useCurrentSession();
  return (
    <>
      <PageHeader
        title="Security"
        description="Your password and two-step verification. We will never ask you for either by email or phone."
      />
      <div className="td-stack security-page">
        {session.stage === "recovery" ? (
          <Alert tone="warning" title="Secure your account to restore full access">
            Set a new password and set up two-step verification again with your own authenticator app (the one
            on the account may be the intruder's). Then review your API keys, sessions and users; our team
            reviews the checklist with you in your takeover ticket.
          </Alert>
        ) : null}
        <TwoFactorCard enabled={session.totpEnabled} recovery={session.stage === "recovery"} />
        {session.stage === "recovery" ? <SetRecoveryPasswordCard /> : <ChangePasswordCard />}
      </div>
    </>
  );
}
