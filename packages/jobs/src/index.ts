export * from "./auth/auth-request-poller.ts";
export * from "./exposure/key-scanner.ts";
export * from "./exposure/scan-sources.ts";
export * from "./mail/deliver-outbox.ts";
export * from "./mail/mail-transport.ts";
export * from "./tickets/ticket-housekeeping.ts";
