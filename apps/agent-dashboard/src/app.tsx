import { AppProviders, lazyPage, PageBoundary } from "@trustdesk/client";
import type { StaffPermission } from "@trustdesk/domain";
import type { ReactNode } from "react";
import { Route, Routes } from "react-router";
import { env } from "./env.ts";
import { DashboardLayout, HomeRedirect } from "./features/layout/dashboard-layout.tsx";
import { NotFoundPage } from "./features/not-found/not-found-page.tsx";
import { RequirePermission } from "./features/session/require-permission.tsx";
import { RequireStaffSession } from "./features/session/require-staff-session.tsx";
import { SESSION_QUERY_KEY, TRPCProvider } from "./lib/trpc.ts";

// Every page is its own chunk, loaded on first visit: the first load is the shell and one page.
const AccountPage = lazyPage(() => import("./features/accounts/account-page.tsx"), "AccountPage");
const AccountsPage = lazyPage(() => import("./features/accounts/accounts-page.tsx"), "AccountsPage");
const ApprovalsPage = lazyPage(() => import("./features/approvals/approvals-page.tsx"), "ApprovalsPage");
const AuditPage = lazyPage(() => import("./features/audit/audit-page.tsx"), "AuditPage");
const SignInPage = lazyPage(() => import("./features/auth/sign-in-page.tsx"), "SignInPage");
const CasePage = lazyPage(() => import("./features/cases/case-page.tsx"), "CasePage");
const CasesPage = lazyPage(() => import("./features/cases/cases-page.tsx"), "CasesPage");
const MailDeliveryPage = lazyPage(
  () => import("./features/mail-delivery/mail-delivery-page.tsx"),
  "MailDeliveryPage",
);
const MetricsPage = lazyPage(() => import("./features/metrics/metrics-page.tsx"), "MetricsPage");
const QueuePage = lazyPage(() => import("./features/queue/queue-page.tsx"), "QueuePage");
const SettingsPage = lazyPage(() => import("./features/settings/settings-page.tsx"), "SettingsPage");
const AcceptInvitationPage = lazyPage(
  () => import("./features/staff/accept-invitation-page.tsx"),
  "AcceptInvitationPage",
);
const StaffPage = lazyPage(() => import("./features/staff/staff-page.tsx"), "StaffPage");
const TicketPage = lazyPage(() => import("./features/tickets/ticket-page.tsx"), "TicketPage");
const VettingPage = lazyPage(() => import("./features/vetting/vetting-page.tsx"), "VettingPage");
const VettingPolicyPage = lazyPage(
  () => import("./features/vetting-policy/vetting-policy-page.tsx"),
  "VettingPolicyPage",
);

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
      <PageBoundary fullPage>
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
      </PageBoundary>
    </AppProviders>
  );
}
