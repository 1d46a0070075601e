/**
 * Build-time configuration of the portal. Everything is same-origin: in production the API serves
 * this SPA at `/` and mounts tRPC at `/trpc`; in development Vite proxies `/trpc` to the API.
 */
const trpcUrl: unknown = import.meta.env.VITE_TRPC_URL;

export const env = {
  productName: "Trustdesk",
  realm: "Customer portal",
  /** The router's basename, from Vite's `base` (no trailing slash; "" at the root). */
  basename: import.meta.env.BASE_URL.replace(/\/$/, ""),
  trpcUrl: typeof trpcUrl === "string" && trpcUrl !== "" ? trpcUrl : "/trpc",
} as const;
