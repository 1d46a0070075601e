export * from "./test-dns-server.ts";
export * from "./sign-up-through-email.ts";
