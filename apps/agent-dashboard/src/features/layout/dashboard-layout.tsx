import { RouterLink, toApiError } from "@trustdesk/client";
import { Alert, AppShell } from "@trustdesk/ui";
import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { env } from "../../env.ts";
import { useCurrentStaff } from "../session/session-context.tsx";
import { useSignOut } from "../session/use-staff-session.ts";
import { staffRoleLabel } from "./staff-role.ts";

const NAVIGATION = [
  { href: "/queue", label: "Queue", match: (path: string) => path.startsWith("/queue") },
] as const;

export function DashboardLayout() {
  const { staff } = useCurrentStaff();
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

  return (
    <AppShell
      productName={env.productName}
      realm={env.realm}
      homeHref="/queue"
      navigation={NAVIGATION.map((item) => ({
        href: item.href,
        label: item.label,
        current: item.match(pathname),
      }))}
      linkComponent={RouterLink}
      user={{ name: staff.name, email: staff.email, detail: staffRoleLabel(staff.role) }}
      onSignOut={() => signOut.mutate()}
      signingOut={signOut.isPending}
      notice={
        signOut.isError ? (
          <Alert tone="danger" live="assertive" title="We couldn't sign you out">
            {toApiError(signOut.error).message}
          </Alert>
        ) : undefined
      }
    >
      <Outlet />
    </AppShell>
  );
}
