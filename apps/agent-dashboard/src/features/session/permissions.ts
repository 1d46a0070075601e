import { type StaffPermission, staffCan } from "@trustdesk/domain";
import { useCurrentStaff } from "./session-context.tsx";

/**
 * What the signed-in role may do, from the domain's one table (STAFF_PERMISSIONS). The dashboard
 * shows only those actions; the API checks the same table and refuses the rest anyway.
 */
export function useCan(): (permission: StaffPermission) => boolean {
  const { staff } = useCurrentStaff();
  return (permission) => staffCan(staff.role, permission);
}
