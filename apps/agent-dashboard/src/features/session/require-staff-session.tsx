import { LoadingState } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { SessionContext } from "./session-context.tsx";
import { SessionError } from "./session-error.tsx";
import { useStaffSession } from "./use-staff-session.ts";

/**
 * Guards the dashboard. Only a full session gets in: one still owing its TOTP code, or one that
 * must enrol TOTP first, goes back to the sign-in page, which resumes at that step.
 */
export function RequireStaffSession({ children }: { children: ReactNode }) {
  const session = useStaffSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState fullPage label="Loading the dashboard…" />;
  if (session.isError) return <SessionError session={session} />;
  if (session.data?.stage !== "full") {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}
