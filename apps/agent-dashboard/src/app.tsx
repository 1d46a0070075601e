import { AppProviders } from "@trustdesk/client";
import { Navigate, Route, Routes } from "react-router";
import { env } from "./env.ts";
import { AccountPage } from "./features/accounts/account-page.tsx";
import { SignInPage } from "./features/auth/sign-in-page.tsx";
import { DashboardLayout } from "./features/layout/dashboard-layout.tsx";
import { NotFoundPage } from "./features/not-found/not-found-page.tsx";
import { QueuePage } from "./features/queue/queue-page.tsx";
import { RequireStaffSession } from "./features/session/require-staff-session.tsx";
import { SESSION_QUERY_KEY, TRPCProvider } from "./lib/trpc.ts";

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
        <Route
          element={
            <RequireStaffSession>
              <DashboardLayout />
            </RequireStaffSession>
          }
        >
          <Route index element={<Navigate to="/queue" replace />} />
          <Route path="/queue" element={<QueuePage />} />
          <Route path="/accounts/:accountId" element={<AccountPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppProviders>
  );
}
