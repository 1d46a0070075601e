// No zod here: the dashboard's shell (menus, route guards) imports this on first load, and every
// byte of it is paid before the first page renders. Roles are only types in this file.
import type { StaffRole } from "./roles.ts";

/** Which staff roles may do what. One table, read by the role middleware and the dashboard's menus. */
export const STAFF_PERMISSIONS = {
  "tickets.work": ["agent", "lead", "admin"],
  "tickets.reassign": ["lead", "admin"],
  "vetting.review": ["agent", "lead", "admin"],
  "enforcement.open": ["agent", "lead", "admin", "fraud_analyst", "security_analyst"],
  "enforcement.lift": ["agent", "lead", "admin"],
  "enforcement.approve_ato_lift": ["lead"],
  "compromise.report": ["fraud_analyst", "security_analyst", "lead", "admin"],
  "accounts.view": ["agent", "lead", "admin", "fraud_analyst", "security_analyst"],
  "staff.manage": ["admin"],
  "mail.manage": ["admin"],
  "vetting.policy.manage": ["admin"],
  // A case is a view of one account's restriction (its enforcements, tickets, reports, exposures),
  // all of which the account page already shows: whoever may view accounts may view their cases.
  "cases.view": ["agent", "lead", "admin", "fraud_analyst", "security_analyst"],
  // The whole log, across every account and every colleague (sign-ins, IPs, who lifted what): a
  // supervision and investigation tool for leads and admins, and for the analysts who investigate
  // takeovers and leaks. Agents see the trail of the account and the case they work on.
  "audit.view": ["lead", "admin", "fraud_analyst", "security_analyst"],
  // Team numbers are aggregates (no customer data); analysts open most takeover and exposure
  // enforcements, so how long those last and how many are lifted is their work too.
  "metrics.view": ["agent", "lead", "admin", "fraud_analyst", "security_analyst"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPermission = keyof typeof STAFF_PERMISSIONS;

export function staffCan(role: StaffRole, permission: StaffPermission): boolean {
  return (STAFF_PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
