import type { StaffPermission } from "@trustdesk/domain";

/** The dashboard's sections, each shown to the roles whose permission opens it (the API's own check). */
export const SECTIONS: ReadonlyArray<{ href: string; label: string; permission: StaffPermission }> = [
  { href: "/queue", label: "Queue", permission: "tickets.work" },
  { href: "/accounts", label: "Accounts", permission: "accounts.view" },
  { href: "/vetting", label: "Vetting", permission: "vetting.review" },
  // Read by those who review sign-ups (the weights behind a score); edited by admins only.
  { href: "/vetting-policy", label: "Vetting policy", permission: "vetting.review" },
  { href: "/approvals", label: "Approvals", permission: "enforcement.lift" },
  { href: "/cases", label: "Cases", permission: "cases.view" },
  { href: "/audit", label: "Audit log", permission: "audit.view" },
  { href: "/staff", label: "Staff", permission: "staff.manage" },
  { href: "/mail-delivery", label: "Mail delivery", permission: "mail.manage" },
  { href: "/metrics", label: "Metrics", permission: "metrics.view" },
];

/** After the sections, for every role: the signed-in person's own account. */
export const OWN_ACCOUNT = { href: "/settings", label: "My account" } as const;
