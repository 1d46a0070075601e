import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@trustdesk/trpc";
import { type ComponentType, type ReactNode, useState } from "react";
import { BrowserRouter } from "react-router";
import { createQueryClient, createTrpcClient } from "./query-client.ts";

/** The provider of the app's own tRPC context (`createTRPCContext<AppRouter>()` in its lib/trpc.ts). */
export type TrpcContextProvider = ComponentType<{
  trpcClient: TRPCClient<AppRouter>;
  queryClient: QueryClient;
  children: ReactNode;
}>;

export interface AppProvidersProps {
  TRPCProvider: TrpcContextProvider;
  trpcUrl: string;
  /** The realm's session query (see `createQueryClient`). */
  sessionQueryKey: readonly unknown[];
  /** The router's basename ("" at the root, "/agent" for the dashboard). */
  basename: string;
  children: ReactNode;
}

/** Query client, tRPC client and router around an SPA's routes. */
export function AppProviders({
  TRPCProvider,
  trpcUrl,
  sessionQueryKey,
  basename,
  children,
}: AppProvidersProps) {
  // One of each for the app's lifetime, not one per render.
  const [queryClient] = useState(() => createQueryClient(sessionQueryKey));
  const [trpcClient] = useState(() => createTrpcClient(trpcUrl));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <BrowserRouter basename={basename}>{children}</BrowserRouter>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
