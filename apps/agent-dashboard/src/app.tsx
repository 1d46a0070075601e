import { AppProviders } from "@trustdesk/client";
import type { StaffPermission } from "@trustdesk/domain";
import type { ReactNode } from "react";
import { Route, Routes } from "react-router";
import { env } from "./env.ts";
import { AccountPage } from "./features/accounts/account-page.tsx";
import { AccountsPage } from "./features/accounts/accounts-page.tsx";
import { ApprovalsPage } from "./features/approvals/approvals-page.tsx";
import { AuditPage } from "./features/audit/audit-page.tsx";
import { SignInPage } from "./features/auth/sign-in-page.tsx";
import { CasePage } from "./features/cases/case-page.tsx";
import { CasesPage } from "./features/cases/cases-page.tsx";
import { DashboardLayout, HomeRedirect } from "./features/layout/dashboard-layout.tsx";
import { MailDeliveryPage } from "./features/mail-delivery/mail-delivery-page.tsx";
import { MetricsPage } from "./features/metrics/metrics-page.tsx";
import { NotFoundPage } from "./features/not-found/not-found-page.tsx";
import { QueuePage } from "./features/queue/queue-page.tsx";
import { RequirePermission } from "./features/session/require-permission.tsx";
import { RequireStaffSession } from "./features/session/require-staff-session.tsx";
import { SettingsPage } from "./features/settings/settings-page.tsx";
import { AcceptInvitationPage } from "./features/staff/accept-invitation-page.tsx";
import { StaffPage } from "./features/staff/staff-page.tsx";
import { TicketPage } from "./features/tickets/ticket-page.tsx";
import { VettingPage } from "./features/vetting/vetting-page.tsx";
import { VettingPolicyPage } from "./features/vetting-policy/vetting-policy-page.tsx";
import { SESSION_QUERY_KEY, TRPCProvider } from "./lib/trpc.ts";

/** Every signed-in page, with the permission that opens it (the API checks the same one). */
const PAGES: ReadonlyArray<{ path: string; permission: StaffPermission; title: string; page: ReactNode }> = [
  { path: "/queue", permission: "tickets.work", title: "Queue", page: <QueuePage /> },
  { path: "/tickets/:number", permission: "tickets.work", title: "Ticket", page: <TicketPage /> },
  { path: "/accounts", permission: "accounts.view", title: "Accounts", page: <AccountsPage /> },
  { path: "/accounts/:accountId", permission: "accounts.view", title: "Account", page: <AccountPage /> },
  { path: "/vetting", permission: "vetting.review", title: "Vetting", page: <VettingPage /> },
  {
    path: "/vetting-policy",
    permission: "vetting.review",
    title: "Vetting policy",
    page: <VettingPolicyPage />,
  },
  { path: "/approvals", permission: "enforcement.lift", title: "Approvals", page: <ApprovalsPage /> },
  { path: "/cases", permission: "cases.view", title: "Cases", page: <CasesPage /> },
  { path: "/cases/:number", permission: "cases.view", title: "Case", page: <CasePage /> },
  { path: "/audit", permission: "audit.view", title: "Audit log", page: <AuditPage /> },
  { path: "/staff", permission: "staff.manage", title: "Staff", page: <StaffPage /> },
  { path: "/mail-delivery", permission: "mail.manage", title: "Mail delivery", page: <MailDeliveryPage /> },
  { path: "/metrics", permission: "metrics.view", title: "Team metrics", page: <MetricsPage /> },
];

export function App() {
  return (
    <AppProviders
      TRPCProvider={TRPCProvider}
      trpcUrl={env.trpcUrl}
      sessionQueryKey={SESSION_QUERY_KEY}
      basename={env.basename}
    >
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/invitation" element={<AcceptInvitationPage />} />
        <Route
          element={
            <RequireStaffSession>
              <DashboardLayout />
            </RequireStaffSession>
          }
        >
          <Route index element={<HomeRedirect />} />
          {/* Every staff member's own account: no permission beyond being signed in. */}
          <Route path="/settings" element={<SettingsPage />} />
          {PAGES.map(({ path, permission, title, page }) => (
            <Route
              key={path}
              path={path}
              element={
                <RequirePermission permission={permission} title={title}>
                  {page}
                </RequirePermission>
              }
            />
          ))}
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppProviders>
  );
}
