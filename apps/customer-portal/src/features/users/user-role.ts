import type { CustomerRole } from "@trustdesk/domain";

export const ROLE_LABELS: Record<CustomerRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
};

/** What each role may do, in the words the invite form and the role select use. */
export const ROLE_HINTS: Record<"admin" | "member", string> = {
  admin: "Admin — manages users (members) and API keys, sees every ticket",
  member: "Member — opens tickets and sees their own",
};

export function canManageUsers(role: CustomerRole): boolean {
  return role === "owner" || role === "admin";
}
