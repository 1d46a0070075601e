import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";

/** The customer session as the API sees it (null when signed out). */
export function useSession() {
  const trpc = useTRPC();
  return useQuery(trpc.customer.auth.session.queryOptions(undefined, { staleTime: 60_000 }));
}

/** Signs out, forgets every cached answer and returns to the sign-in page. */
export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.customer.auth.signOut.mutationOptions({
      onSuccess: () => {
        queryClient.removeQueries();
        queryClient.setQueryData(trpc.customer.auth.session.queryKey(), null);
        navigate("/sign-in", { replace: true, state: { notice: "signed_out" } });
      },
    }),
  );
}
