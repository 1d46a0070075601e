import { QueryCache, QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { ATTACHMENT_PROCEDURES } from "@trustdesk/domain";
import type { AppRouter } from "@trustdesk/trpc";
import { toApiError } from "./api-error.ts";
import { csrfHeaders } from "./csrf.ts";

/**
 * The tRPC client of both SPAs: batched, same-origin cookies, the CSRF header on every call. Calls
 * that carry files go alone (the API admits their larger body only for them).
 */
export function createTrpcClient(url: string) {
  const options = {
    url,
    headers: () => csrfHeaders(),
    fetch: (input: RequestInfo | URL, init?: unknown) =>
      fetch(input, { ...(init as RequestInit), credentials: "same-origin" }),
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => ATTACHMENT_PROCEDURES.includes(op.path),
        true: httpLink(options),
        false: httpBatchLink(options),
      }),
    ],
  });
}

/**
 * The query client of both SPAs. `sessionQueryKey` is the realm's session query: when any other
 * query finds the session gone (expired, revoked), it is re-read so the route guard sends the user
 * to sign in instead of showing errors everywhere.
 */
export function createQueryClient(sessionQueryKey: readonly unknown[]): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (toApiError(error).code === "UNAUTHORIZED" && query.queryKey[0] !== sessionQueryKey[0]) {
          void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retry only what may succeed on retry: network failures and server errors, not 4xx.
        retry: (failureCount, error) => {
          const status = toApiError(error).httpStatus;
          return failureCount < 2 && (status === null || status >= 500);
        },
      },
      mutations: {
        // A refused CSRF token is re-issued on that same response, so one retry carries the new one.
        retry: (failureCount, error) => failureCount < 1 && toApiError(error).domainCode === "CSRF_REJECTED",
      },
    },
  });
  return queryClient;
}
