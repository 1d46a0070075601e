import { AppProviders, lazyPage, PageBoundary } from "@trustdesk/client";
import { Route, Routes } from "react-router";
import { env } from "./env.ts";
import { PortalLayout } from "./features/layout/portal-layout.tsx";
import { NotFoundPage } from "./features/not-found/not-found-page.tsx";
import { RequireSession } from "./features/session/require-session.tsx";
import { SESSION_QUERY_KEY, TRPCProvider } from "./lib/trpc.ts";

// Every page is its own chunk, loaded on first visit: the first load is the shell and one page.
const OverviewPage = lazyPage(() => import("./features/account/overview-page.tsx"), "OverviewPage");
const ApiKeysPage = lazyPage(() => import("./features/api-keys/api-keys-page.tsx"), "ApiKeysPage");
const ConfirmSignUpPage = lazyPage(
  () => import("./features/auth/confirm-sign-up-page.tsx"),
  "ConfirmSignUpPage",
);
const ForgotPasswordPage = lazyPage(
  () => import("./features/auth/forgot-password-page.tsx"),
  "ForgotPasswordPage",
);
const ResetPasswordPage = lazyPage(
  () => import("./features/auth/reset-password-page.tsx"),
  "ResetPasswordPage",
);
const SignInPage = lazyPage(() => import("./features/auth/sign-in-page.tsx"), "SignInPage");
const SignUpPage = lazyPage(() => import("./features/auth/sign-up-page.tsx"), "SignUpPage");
const TroubleSigningInPage = lazyPage(
  () => import("./features/help/trouble-signing-in-page.tsx"),
  "TroubleSigningInPage",
);
const RecoverAccountPage = lazyPage(
  () => import("./features/recovery/recover-account-page.tsx"),
  "RecoverAccountPage",
);
const SecurityPage = lazyPage(() => import("./features/security/security-page.tsx"), "SecurityPage");
const SessionsPage = lazyPage(() => import("./features/sessions/sessions-page.tsx"), "SessionsPage");
const NewTicketPage = lazyPage(() => import("./features/tickets/new-ticket-page.tsx"), "NewTicketPage");
const TicketDetailPage = lazyPage(
  () => import("./features/tickets/ticket-detail-page.tsx"),
  "TicketDetailPage",
);
const TicketsPage = lazyPage(() => import("./features/tickets/tickets-page.tsx"), "TicketsPage");
const AcceptInvitationPage = lazyPage(
  () => import("./features/users/accept-invitation-page.tsx"),
  "AcceptInvitationPage",
);
const UsersPage = lazyPage(() => import("./features/users/users-page.tsx"), "UsersPage");

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
      </PageBoundary>
    </AppProviders>
  );
}
