import { shortId } from "../accounts/account-labels.ts";
import { staffRoleLabel } from "../layout/staff-role.ts";

/**
 * A staff member as the records name them: "You" for the viewer, else their name (decision records
 * keep it since lift requests could be declined); records written before that carry only the id
 * and role, shown as the role and the id's first block.
 */
export function staffRefLabel(
  ref: { staffId: string; role?: string; name?: string },
  viewerId: string,
): string {
  if (ref.staffId === viewerId) return "You";
  if (ref.name) return ref.name;
  const role = ref.role ? staffRoleLabel(ref.role) : "Staff member";
  return `${role} ${shortId(ref.staffId)}`;
}
