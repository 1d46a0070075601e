import { RouterAppShell } from "@trustdesk/client";
import { RECOVERY_SESSION_ALLOWS } from "@trustdesk/domain";
import { Alert } from "@trustdesk/ui";
import { Link } from "react-router";
import { env } from "../../env.ts";
import { useCurrentSession } from "../session/session-context.tsx";
import { useSignOut } from "../session/use-session.ts";
import { canManageUsers } from "../users/user-role.ts";

const NAVIGATION = [
  { href: "/", label: "Overview", match: (path: string) => path === "/" },
  { href: "/tickets", label: "Tickets", match: (path: string) => path.startsWith("/tickets") },
  {
    href: "/settings/security",
    label: "Security",
    match: (path: string) => path.startsWith("/settings/security"),
  },
  {
    href: "/settings/api-keys",
    label: "API keys",
    match: (path: string) => path.startsWith("/settings/api-keys"),
  },
  {
    href: "/settings/sessions",
    label: "Sessions",
    match: (path: string) => path.startsWith("/settings/sessions"),
  },
] as const;

/** Only owners and admins manage the account's users, so only they see the link. */
const USERS_LINK = { href: "/users", label: "Users", match: (path: string) => path.startsWith("/users") };

export function PortalLayout() {
  const session = useCurrentSession();
  const signOut = useSignOut();
  const notices =
    session.stage === "recovery"
      ? [
          <Alert key="recovery" tone="warning" title="You are signed in with a recovery code">
            Until our team restores your account, this sign-in can only {RECOVERY_SESSION_ALLOWS.join(", ")}.
            Start with <Link to="/settings/security">a new password and two-step verification</Link>.
          </Alert>,
        ]
      : [];

  return (
    <RouterAppShell
      productName={env.productName}
      realm={env.realm}
      homeHref="/"
      navigation={canManageUsers(session.user.role) ? [...NAVIGATION, USERS_LINK] : NAVIGATION}
      user={{ name: session.user.name, email: session.user.email, detail: session.account.name }}
      signOut={signOut}
      notices={notices}
    />
  );
}
