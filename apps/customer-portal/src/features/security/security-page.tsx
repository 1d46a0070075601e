import { Alert, PageHeader, useDocumentTitle } from "@trustdesk/ui";
import { useCurrentSession } from "../session/session-context.tsx";
import { ChangePasswordCard } from "./change-password-card.tsx";
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
            Reset your password and turn on two-step verification. Our team reviews the rest of the checklist
            with you in your takeover ticket.
          </Alert>
        ) : null}
        <TwoFactorCard enabled={session.totpEnabled} />
        <ChangePasswordCard />
      </div>
    </>
  );
}
