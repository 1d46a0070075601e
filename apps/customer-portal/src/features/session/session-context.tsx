import { createContext, useContext } from "react";
import type { CustomerSession } from "../../lib/trpc.ts";

export const SessionContext = createContext<CustomerSession | null>(null);

/** The signed-in session; only usable below RequireSession. */
export function useCurrentSession(): CustomerSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useCurrentSession must be used below <RequireSession>");
  return session;
}
