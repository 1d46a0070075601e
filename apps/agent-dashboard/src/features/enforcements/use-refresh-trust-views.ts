import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import type { ActionResult } from "./action-notice.tsx";

/**
 * After an enforcement changes (applied, lifted, requested, approved, a sign-up decided), every view
 * that shows enforcements may be stale: accounts, the vetting queue, approvals and the ticket queue.
 */
export function useRefreshTrustViews(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.staff.accounts.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.staff.enforcements.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.staff.queue.pathKey() }),
    ]);
  };
}

/**
 * The `onSuccess` of an enforcement action: refresh the views, then report what happened (`summarize`
 * turns the API's answer into the page's notice).
 */
export function useTrustActionDone<TResult>(
  onDone: (result: ActionResult) => void,
  summarize: (result: TResult) => ActionResult,
): (result: TResult) => Promise<void> {
  const refresh = useRefreshTrustViews();
  return async (result) => {
    await refresh();
    onDone(summarize(result));
  };
}
