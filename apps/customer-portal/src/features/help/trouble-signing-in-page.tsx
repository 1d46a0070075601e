import { Alert, Icon, type IconName, useDocumentTitle } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { AuthPage } from "../auth/auth-page.tsx";

function HelpSection({
  id,
  icon,
  title,
  children,
}: {
  id: string;
  icon: IconName;
  title: string;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="help-section">
      <div className="help-section__icon">
        <Icon name={icon} size={18} />
      </div>
      <div className="help-section__body">
        <h2 id={`${id}-title`} className="td-section-title">
          {title}
        </h2>
        <div className="td-prose">{children}</div>
      </div>
    </section>
  );
}

/** Self-service help for every way signing in can go wrong (public: no session needed). */
export function TroubleSigningInPage() {
  useDocumentTitle("Trouble signing in");
  return (
    <AuthPage
      title="Trouble signing in?"
      description="Pick what is happening. Most of these you can fix yourself in a few minutes."
      width="wide"
      footer={
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      }
    >
      <nav aria-label="On this page" className="help-toc">
        <ul>
          <li>
            <a href="#forgot-password">I forgot my password</a>
          </li>
          <li>
            <a href="#lost-device">I lost my two-step verification device</a>
          </li>
          <li>
            <a href="#locked">My sign-in is locked</a>
          </li>
          <li>
            <a href="#taken-over">I think my account was taken over</a>
          </li>
        </ul>
      </nav>

      <div className="help-sections">
        <HelpSection id="forgot-password" icon="key" title="I forgot my password">
          <p>
            <Link to="/forgot-password">Ask for a reset link</Link>. We email it to the address you sign in
            with; it works once and expires soon. For your safety we don't say whether an address has an
            account.
          </p>
        </HelpSection>

        <HelpSection id="lost-device" icon="lock" title="I lost my two-step verification device">
          <p>
            Sign in with your email and password as usual. At the code step choose{" "}
            <strong>Use a recovery code instead</strong> and enter one of the ten recovery codes you saved
            when you turned on two-step verification. Each code works once.
          </p>
          <p>
            Once you are in, go to <strong>Security</strong>, turn two-step verification off and on again with
            your new device: you will get a fresh set of recovery codes.
          </p>
        </HelpSection>

        <HelpSection id="locked" icon="clock" title="My sign-in is locked">
          <p>
            After several wrong passwords or codes in a row we pause sign-in to your account for a short time,
            to stop anyone guessing. Wait a few minutes before you try again.
          </p>
          <p>
            If you are not sure of your password, <Link to="/forgot-password">reset it</Link> instead of
            guessing. If you did not make those attempts, someone may be trying to get in: read the next
            section.
          </p>
        </HelpSection>

        <HelpSection id="taken-over" icon="shield" title="I think my account was taken over">
          <p>
            Signs include emails you did not send, API keys you did not create, a changed password, or a
            notice from us. Here is what happens:
          </p>
          <ol>
            <li>
              <strong>We suspend the account at once to protect it.</strong> Sending and API access stop,
              every session is signed out and your API keys are disabled.
            </li>
            <li>
              <strong>We open a case and email you.</strong> The case number and a hotline number appear at
              the top of your overview when you sign in.
            </li>
            <li>
              <strong>You secure the account:</strong> reset your password, turn on two-step verification,
              review and replace your API keys, and check who else can use the account.
            </li>
            <li>
              <strong>A second person on our team approves reactivation</strong> once the checklist is done:
              this is the riskiest change we make, so it always takes two people.
            </li>
          </ol>
          <p>
            <strong>While the account is suspended, your password alone will not sign you in</strong> —
            whoever took it over may know it too. <Link to="/recover">Recover your account</Link> instead: we
            email a one-time code to the address the account had before the takeover, and it opens a recovery
            sign-in where you secure the account and follow your <em>account takeover</em> ticket.
          </p>
          <p>
            If you think someone is in your account but it is not suspended,{" "}
            <Link to="/forgot-password">reset your password</Link>, turn on two-step verification and open an{" "}
            <em>account takeover</em> ticket: that is the fastest way to reach us, and you can escalate from
            it.
          </p>
        </HelpSection>
      </div>

      <Alert tone="info" title="How to reach the Consumer Trust team">
        We help through tickets only: there is no live chat, and we never ask for your password or codes. We
        answer every ticket, usually within 24 hours and at the latest within 48. If your account was
        suspended after a takeover, you can also call the hotline number shown with your case.
      </Alert>
    </AuthPage>
  );
}
