export * from "./account-locks.ts";
export * from "./audit-events.ts";
export * from "./cases.ts";
export type { Executor } from "./executor.ts";
export * from "./mail-outbox.ts";
export * from "./rate-limit-counters.ts";
export * from "./sessions.ts";
export * from "./users.ts";
