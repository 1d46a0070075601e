export * from "./dev-inbox/dev-inbox.ts";
export * from "./exposure/key-scanner.ts";
export * from "./exposure/scan-sources.ts";
export * from "./jobs/index.ts";
export * from "./mail/deliver-outbox.ts";
export * from "./mail/mail-transport.ts";
export * from "./queue/define-job.ts";
export * from "./queue/job-queue.ts";
