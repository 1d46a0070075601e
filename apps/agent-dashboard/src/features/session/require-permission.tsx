import type { StaffPermission } from "@trustdesk/domain";
import { Card, ErrorState, PageHeader, useDocumentTitle } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { staffRoleLabel } from "../layout/staff-role.ts";
import { useCan } from "./permissions.ts";
import { useCurrentStaff } from "./session-context.tsx";

/** A page only some roles may open: others get a plain refusal (the API would refuse them too). */
export function RequirePermission({
  permission,
  title,
  children,
}: {
  permission: StaffPermission;
  title: string;
  children: ReactNode;
}) {
  const can = useCan();
  if (can(permission)) return children;
  return <NoAccess title={title} />;
}

function NoAccess({ title }: { title: string }) {
  useDocumentTitle(title);
  const { staff } = useCurrentStaff();
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <ErrorState
          icon="lock"
          title="You don't have access to this page"
          message={`Your role (${staffRoleLabel(staff.role)}) does not allow it. Ask a lead or an admin if you need it.`}
        />
      </Card>
    </>
  );
}
