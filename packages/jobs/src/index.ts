export * from "./auth/auth-request-poller.ts";
export * from "./mail/deliver-outbox.ts";
export * from "./mail/mail-transport.ts";
export * from "./tickets/ticket-housekeeping.ts";
