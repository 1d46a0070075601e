import { AppProviders } from "@trustdesk/client";
import { Route, Routes } from "react-router";
import { env } from "./env.ts";
import { OverviewPage } from "./features/account/overview-page.tsx";
import { ApiKeysPage } from "./features/api-keys/api-keys-page.tsx";
import { ConfirmSignUpPage } from "./features/auth/confirm-sign-up-page.tsx";
import { ForgotPasswordPage } from "./features/auth/forgot-password-page.tsx";
import { ResetPasswordPage } from "./features/auth/reset-password-page.tsx";
import { SignInPage } from "./features/auth/sign-in-page.tsx";
import { SignUpPage } from "./features/auth/sign-up-page.tsx";
import { TroubleSigningInPage } from "./features/help/trouble-signing-in-page.tsx";
import { PortalLayout } from "./features/layout/portal-layout.tsx";
import { NotFoundPage } from "./features/not-found/not-found-page.tsx";
import { RecoverAccountPage } from "./features/recovery/recover-account-page.tsx";
import { SecurityPage } from "./features/security/security-page.tsx";
import { RequireSession } from "./features/session/require-session.tsx";
import { SessionsPage } from "./features/sessions/sessions-page.tsx";
import { NewTicketPage } from "./features/tickets/new-ticket-page.tsx";
import { TicketDetailPage } from "./features/tickets/ticket-detail-page.tsx";
import { TicketsPage } from "./features/tickets/tickets-page.tsx";
import { AcceptInvitationPage } from "./features/users/accept-invitation-page.tsx";
import { UsersPage } from "./features/users/users-page.tsx";
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
        <Route path="/sign-up" element={<SignUpPage />} />
        <Route path="/confirm-sign-up" element={<ConfirmSignUpPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/help/sign-in" element={<TroubleSigningInPage />} />
        <Route path="/recover" element={<RecoverAccountPage />} />
        <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
        <Route
          element={
            <RequireSession>
              <PortalLayout />
            </RequireSession>
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="/tickets" element={<TicketsPage />} />
          <Route path="/tickets/new" element={<NewTicketPage />} />
          <Route path="/tickets/:ticketId" element={<TicketDetailPage />} />
          <Route path="/settings/security" element={<SecurityPage />} />
          <Route path="/settings/api-keys" element={<ApiKeysPage />} />
          <Route path="/settings/sessions" element={<SessionsPage />} />
          <Route path="/users" element={<UsersPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppProviders>
  );
}
