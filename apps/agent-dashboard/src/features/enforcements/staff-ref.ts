import { shortId } from "../accounts/account-labels.ts";
import { staffRoleLabel } from "../layout/staff-role.ts";

/**
 * A staff member as the records name them (id and role; the API sends no names with them): "You"
 * for the viewer, else the role and the id's first block.
 */
export function staffRefLabel(ref: { staffId: string; role?: string }, viewerId: string): string {
  if (ref.staffId === viewerId) return "You";
  const role = ref.role ? staffRoleLabel(ref.role) : "Staff member";
  return `${role} ${shortId(ref.staffId)}`;
}
