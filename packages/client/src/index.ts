export * from "./api-error.ts";
export * from "./csrf.ts";
export * from "./query-client.ts";
export * from "./router-link.tsx";
