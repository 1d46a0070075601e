import { createContext, useContext } from "react";
import type { StaffSession } from "../../lib/trpc.ts";

export const SessionContext = createContext<StaffSession | null>(null);

/** The signed-in staff session; only usable below RequireStaffSession. */
export function useCurrentStaff(): StaffSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useCurrentStaff must be used below <RequireStaffSession>");
  return session;
}
