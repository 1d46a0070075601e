export * from "./sign-up-through-email.ts";
export * from "./test-dns-server.ts";
