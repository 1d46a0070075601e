import { staffRoleLabel } from "../layout/staff-role.ts";

/**
 * A staff member as the records name them: "You" for the viewer, else their name and role (the
 * service joins the name from staff_users when an older record kept none); with no name at all,
 * the role alone — never an id.
 */
export function staffRefLabel(
  ref: { staffId: string; role?: string | null; name?: string | null },
  viewerId: string,
): string {
  if (ref.staffId === viewerId) return "You";
  const role = ref.role ? staffRoleLabel(ref.role) : null;
  if (ref.name) return role ? `${ref.name} (${role.toLowerCase()})` : ref.name;
  return role ? `A former ${role.toLowerCase()}` : "A former staff member";
}
