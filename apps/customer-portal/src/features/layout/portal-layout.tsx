import { RouterLink, toApiError } from "@trustdesk/client";
import { Alert, AppShell } from "@trustdesk/ui";
import { useEffect, useRef } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { env } from "../../env.ts";
import { useCurrentSession } from "../session/session-context.tsx";
import { useSignOut } from "../session/use-session.ts";

const NAVIGATION = [
  { href: "/", label: "Overview", match: (path: string) => path === "/" },
  { href: "/tickets", label: "Tickets", match: (path: string) => path.startsWith("/tickets") },
  { href: "/settings/security", label: "Security", match: (path: string) => path.startsWith("/settings") },
] as const;

export function PortalLayout() {
  const session = useCurrentSession();
  const { pathname } = useLocation();
  const signOut = useSignOut();

  // After client-side navigation, start keyboard and screen-reader users at the new page's content.
  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not an input.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById("main")?.focus();
  }, [pathname]);

  const notices = [];
  if (session.stage === "recovery") {
    notices.push(
      <Alert key="recovery" tone="warning" title="You are signed in with a recovery code">
        Until your account is secured you can reset your password, turn on two-step verification and follow
        your takeover ticket. <Link to="/settings/security">Go to security settings</Link>.
      </Alert>,
    );
  }
  if (signOut.isError) {
    notices.push(
      <Alert key="sign-out" tone="danger" live="assertive" title="We couldn't sign you out">
        {toApiError(signOut.error).message}
      </Alert>,
    );
  }

  return (
    <AppShell
      productName={env.productName}
      realm={env.realm}
      homeHref="/"
      navigation={NAVIGATION.map((item) => ({
        href: item.href,
        label: item.label,
        current: item.match(pathname),
      }))}
      linkComponent={RouterLink}
      user={{ name: session.user.name, email: session.user.email, detail: session.account.name }}
      onSignOut={() => signOut.mutate()}
      signingOut={signOut.isPending}
      notice={notices.length ? <div className="td-stack td-stack--sm">{notices}</div> : undefined}
    >
      <Outlet />
    </AppShell>
  );
}
