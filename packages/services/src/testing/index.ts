export * from "./test-dns-server.ts";
