import { RouterAppShell } from "@trustdesk/client";
import { env } from "../../env.ts";
import { useCurrentStaff } from "../session/session-context.tsx";
import { useSignOut } from "../session/use-staff-session.ts";
import { staffRoleLabel } from "./staff-role.ts";

const NAVIGATION = [
  { href: "/queue", label: "Queue", match: (path: string) => path.startsWith("/queue") },
] as const;

export function DashboardLayout() {
  const { staff } = useCurrentStaff();
  const signOut = useSignOut();
  return (
    <RouterAppShell
      productName={env.productName}
      realm={env.realm}
      homeHref="/queue"
      navigation={NAVIGATION}
      user={{ name: staff.name, email: staff.email, detail: staffRoleLabel(staff.role) }}
      signOut={signOut}
    />
  );
}
