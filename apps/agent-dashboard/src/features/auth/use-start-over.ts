import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

/** Abandons a half-finished sign-in (ends the partial session) and returns to the password step. */
export function useStartOver() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.staff.auth.signOut.mutationOptions({
      onSettled: () => {
        queryClient.setQueryData(trpc.staff.auth.session.queryKey(), null);
      },
    }),
  );
}
