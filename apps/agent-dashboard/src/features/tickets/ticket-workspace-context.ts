import { type ApiError, toApiError } from "@trustdesk/client";
import { createContext, useContext } from "react";
import type { StaffTicket } from "../../lib/trpc.ts";

/** What every part of the ticket workspace shares: the ticket as loaded, and how to react to a change. */
export interface TicketWorkspace {
  ticket: StaffTicket;
  /** Re-read the ticket (and what lists it) after a change. */
  refresh: () => Promise<void>;
  /**
   * A failed change: a conflict (someone changed the ticket since it was loaded) is shown once, at
   * the top of the page, with a way to reload; answers true when it was one.
   */
  reportConflict: (error: unknown) => boolean;
}

export const TicketWorkspaceContext = createContext<TicketWorkspace | null>(null);

export function useTicketWorkspace(): TicketWorkspace {
  const workspace = useContext(TicketWorkspaceContext);
  if (!workspace) throw new Error("useTicketWorkspace must be used inside the ticket page");
  return workspace;
}

export function isConflict(api: ApiError): boolean {
  return api.code === "CONFLICT";
}

/** The refusal of a change as the part that made it shows it; a conflict is shown by the page. */
export function changeError(error: unknown): ApiError | null {
  if (!error) return null;
  const api = toApiError(error);
  return isConflict(api) ? null : api;
}
