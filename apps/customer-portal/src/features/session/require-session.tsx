import { LoadingState } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { SessionContext } from "./session-context.tsx";
import { SessionError } from "./session-error.tsx";
import { useSession } from "./use-session.ts";

/**
 * Guards the signed-in pages. A session still owing its second factor is not signed in: the
 * customer goes back to the sign-in page, which resumes at the second-factor step.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState fullPage label="Loading your account…" />;
  if (session.isError) return <SessionError session={session} />;
  if (!session.data || session.data.stage === "second_factor") {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}
