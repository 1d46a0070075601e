/**
 * Build-time configuration of the dashboard. The API serves it under `/agent/` (Vite `base`) and
 * mounts tRPC at `/trpc` on the same origin; in development Vite proxies `/trpc` to the API.
 */
const trpcUrl: unknown = import.meta.env.VITE_TRPC_URL;

export const env = {
  productName: "Trustdesk",
  realm: "Agent dashboard",
  /** The router's basename, from Vite's `base` ("/agent"). */
  basename: import.meta.env.BASE_URL.replace(/\/$/, ""),
  trpcUrl: typeof trpcUrl === "string" && trpcUrl !== "" ? trpcUrl : "/trpc",
} as const;
