import type { StaffPermission } from "@trustdesk/domain";

/** The dashboard's sections, each shown to the roles whose permission opens it (the API's own check). */
export const SECTIONS: ReadonlyArray<{ href: string; label: string; permission: StaffPermission }> = [
  { href: "/queue", label: "Queue", permission: "tickets.work" },
  { href: "/accounts", label: "Accounts", permission: "accounts.view" },
  { href: "/vetting", label: "Vetting", permission: "vetting.review" },
  { href: "/approvals", label: "Approvals", permission: "enforcement.lift" },
  { href: "/metrics", label: "Metrics", permission: "metrics.view" },
];
