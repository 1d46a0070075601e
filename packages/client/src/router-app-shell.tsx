import { Alert, AppShell, type ShellUser } from "@trustdesk/ui";
import { type ReactNode, useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { toApiError } from "./api-error.ts";
import { PageBoundary } from "./lazy-page.tsx";
import { RouterLink } from "./router-link.tsx";

export interface RouterNavItem {
  href: string;
  label: string;
  /** Whether the item is the current one for this path (below the router's basename). */
  match: (pathname: string) => boolean;
}

export interface RouterAppShellProps {
  productName: string;
  realm: string;
  homeHref: string;
  navigation: readonly RouterNavItem[];
  user: ShellUser;
  /** The realm's sign-out mutation: the shell shows its progress, and its failure as a notice. */
  signOut: { mutate: () => void; isPending: boolean; isError: boolean; error: unknown };
  /** Session-wide notices above every page (each with a key), before a failed sign-out's. */
  notices?: readonly ReactNode[];
}

/** The signed-in frame of an SPA around its routed pages (`<Outlet />`). */
export function RouterAppShell({
  productName,
  realm,
  homeHref,
  navigation,
  user,
  signOut,
  notices = [],
}: RouterAppShellProps) {
  const { pathname } = useLocation();

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

  const shown = [...notices];
  if (signOut.isError) {
    shown.push(
      <Alert key="sign-out" tone="danger" live="assertive" title="We couldn't sign you out">
        {toApiError(signOut.error).message}
      </Alert>,
    );
  }

  return (
    <AppShell
      productName={productName}
      realm={realm}
      homeHref={homeHref}
      navigation={navigation.map((item) => ({
        href: item.href,
        label: item.label,
        current: item.match(pathname),
      }))}
      linkComponent={RouterLink}
      user={user}
      onSignOut={() => signOut.mutate()}
      signingOut={signOut.isPending}
      notice={shown.length ? <div className="td-stack td-stack--sm">{shown}</div> : undefined}
    >
      <PageBoundary>
        <Outlet />
      </PageBoundary>
    </AppShell>
  );
}
