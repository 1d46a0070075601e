import { RouterAppShell } from "@trustdesk/client";
import { Navigate } from "react-router";
import { env } from "../../env.ts";
import { useCan } from "../session/permissions.ts";
import { useCurrentStaff } from "../session/session-context.tsx";
import { useSignOut } from "../session/use-staff-session.ts";
import { OWN_ACCOUNT, SECTIONS } from "./navigation.ts";
import { staffRoleLabel } from "./staff-role.ts";

function useSections() {
  const can = useCan();
  return SECTIONS.filter((s) => can(s.permission));
}

export function DashboardLayout() {
  const { staff } = useCurrentStaff();
  const signOut = useSignOut();
  const sections = useSections();
  return (
    <RouterAppShell
      productName={env.productName}
      realm={env.realm}
      homeHref="/"
      navigation={[...sections, OWN_ACCOUNT].map((s) => ({
        href: s.href,
        label: s.label,
        match: (path: string) => path === s.href || path.startsWith(`${s.href}/`),
      }))}
      user={{ name: staff.name, email: staff.email, detail: staffRoleLabel(staff.role) }}
      signOut={signOut}
    />
  );
}

/** The dashboard's home is the first section the role may open (the queue, or accounts for analysts). */
export function HomeRedirect() {
  const first = useSections()[0];
  return <Navigate to={first?.href ?? "/accounts"} replace />;
}
