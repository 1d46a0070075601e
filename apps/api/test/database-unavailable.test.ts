import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/**
 * PostgreSQL away (a restart, a failover): requests are answered 503 "try again" with nothing
 * changed, never a 500 and never a crash (the load test stops and starts the real server under load).
 */
let server: TestServer;

beforeAll(async () => {
  // An instance whose database refuses connections: nothing listens on port 1.
  server = await startTestServer({
    sameDatabaseAs: { connectionString: "postgres://postgres@127.0.0.1:1/trustdesk" } as TestServer,
  });
});
afterAll(async () => {
  await server?.close();
});

describe("the database away", () => {
  it("answers tRPC calls with 503 and a message a person can act on", async () => {
    const client = new BrowserClient(server.url);
    await client.open();
    const reply = await client.mutate("customer.auth.signIn", {
      email: "someone@example.com",
      password: "a-long-enough-password",
    });
    expect(reply.status).toBe(503);
    expect(reply.error?.message).toContain("try again in a moment");
    expect(JSON.stringify(reply.error)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  });

  it("answers REST calls with 503 and Retry-After", async () => {
    const res = await fetch(`${server.url}/v1/activity`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer tdsvc_some-token-value" },
      body: JSON.stringify({ events: [] }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
  });
});
