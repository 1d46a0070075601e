import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowedOriginsFor } from "../src/app.ts";
import { BrowserClient } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const signUp = {
  email: "mallory-target@example.com",
  password: "a-long-enough-password",
  name: "Target",
  accountName: "Target Inc",
};

describe("HTTP host", () => {
  it("answers health and readiness, with a request id and security headers", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("x-request-id")).toMatch(/[0-9a-f-]{36}/);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready" });
    const csp = ready.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(ready.headers.get("x-powered-by")).toBeNull();
  });

  it("refuses a mutation without the CSRF header and creates nothing", async () => {
    const client = new BrowserClient(server.url);
    await client.open();
    const reply = await client.mutate("customer.auth.signUp", signUp, { csrf: false });
    expect(reply.status).toBe(403);
    expect(reply.error?.data.domainCode).toBe("CSRF_REJECTED");
    const users = await server.deps.db
      .selectFrom("customer_users")
      .select("id")
      .where("email", "=", signUp.email)
      .execute();
    expect(users).toHaveLength(0);
    const requests = await server.deps.db
      .selectFrom("signup_requests")
      .select("id")
      .where("email", "=", signUp.email)
      .execute();
    expect(requests).toHaveLength(0);
  });

  it("refuses a mutation whose CSRF header does not match the cookie, or comes from a foreign origin", async () => {
    const client = new BrowserClient(server.url);
    await client.open();
    const forged = await client.raw("/trpc/customer.auth.signIn", {
      method: "POST",
      csrf: false,
      headers: { "content-type": "application/json", "x-csrf-token": "forged.value" },
      body: JSON.stringify({ email: "a@example.com", password: "x" }),
    });
    expect(forged.status).toBe(403);
    const foreign = await client.raw("/trpc/customer.auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ email: "a@example.com", password: "x" }),
    });
    expect(foreign.status).toBe(403);
  });

  it("refuses a CSRF token from one session on another, and rotates the token when the session changes", async () => {
    const victim = new BrowserClient(server.url);
    await victim.open();
    const attacker = new BrowserClient(server.url);
    await attacker.open();
    const attackerToken = attacker.cookies.get("td_csrf") as string;
    const victimToken = victim.cookies.get("td_csrf") as string;
    expect(attackerToken).toBeTruthy();
    expect(attackerToken).not.toBe(victimToken);
    // The attacker's (validly signed) token, planted as the victim's cookie and echoed in the header.
    victim.cookies.set("td_csrf", attackerToken);
    const planted = await victim.mutate("customer.auth.signIn", { email: "a@example.com", password: "x" });
    expect(planted.status).toBe(403);
    expect(planted.error?.data.domainCode).toBe("CSRF_REJECTED");
    // The refusal handed the victim a token of its own again, which works.
    expect(victim.cookies.get("td_csrf")).not.toBe(attackerToken);
    expect(
      (await victim.mutate("customer.auth.signIn", { email: "a@example.com", password: "x" })).status,
    ).toBe(401);

    // A session change re-issues the token in the same response; the old token is refused after it.
    const input = {
      email: "csrf-rotation@example.com",
      password: "a-long-enough-password",
      name: "Rotation",
      accountName: "Rotation Ltd",
    };
    const owner = new BrowserClient(server.url);
    await owner.open();
    await signUpThroughMail(server, owner, input);
    await owner.mutate("customer.auth.signOut");
    const beforeSignIn = owner.cookies.get("td_csrf") as string;
    const signedIn = await owner.mutate("customer.auth.signIn", input);
    expect(signedIn.data).toEqual({ status: "signed_in" });
    const afterSignIn = owner.cookies.get("td_csrf") as string;
    expect(afterSignIn).not.toBe(beforeSignIn);
    // The SPA reads the cookie at call time, so its next mutation carries the new token and works.
    expect(
      (
        await owner.mutate("customer.auth.changePassword", {
          currentPassword: "nope",
          newPassword: "another-long-password",
        })
      ).status,
    ).toBe(401);
    // The token of the anonymous page is no longer accepted for the signed-in session.
    owner.cookies.set("td_csrf", beforeSignIn);
    const stale = await owner.mutate("customer.auth.signOut");
    expect(stale.status).toBe(403);

    // Another signed-in session's token is refused on this one.
    const other = new BrowserClient(server.url);
    await other.open();
    await signUpThroughMail(server, other, {
      ...input,
      email: "csrf-other@example.com",
      accountName: "Other",
    });
    owner.cookies.set("td_csrf", other.cookies.get("td_csrf") as string);
    const crossed = await owner.mutate("customer.auth.signOut");
    expect(crossed.status).toBe(403);
    expect((await owner.query("customer.auth.session")).data).not.toBeNull();
  });

  it("answers malformed input with 400 naming the field", async () => {
    const client = new BrowserClient(server.url);
    await client.open();
    const reply = await client.mutate("customer.auth.signUp", {
      ...signUp,
      email: "not-an-email",
      password: "short",
    });
    expect(reply.status).toBe(400);
    expect(reply.error?.data.fieldErrors).toMatchObject({
      email: "Enter a valid email address",
      password: "Use at least 12 characters",
    });
    expect(reply.error?.message).toContain("email");
    expect(JSON.stringify(reply.error)).not.toMatch(/at .*\.ts:\d+|stack/i);
  });

  it("answers an oversized body with 413", async () => {
    const client = new BrowserClient(server.url);
    await client.open();
    const reply = await client.mutate("customer.auth.signIn", {
      email: "a@example.com",
      password: "x".repeat(400 * 1024),
    });
    expect(reply.status).toBe(413);
    expect(reply.error?.data.code).toBe("PAYLOAD_TOO_LARGE");
    // On /v1 no body is read before the route and its token are known (see hostile-input.test.ts).
    const rest = await client.raw("/v1/anything", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blob: "y".repeat(2 * 1024 * 1024) }),
    });
    expect(rest.status).toBe(404);
    const body = (await rest.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe("NOT_FOUND");
    expect(body.error.requestId).toBe(rest.headers.get("x-request-id"));
  });

  it("rate-limits sign-ups per client address and says when to retry", async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<BrowserClient["mutate"]>> | undefined;
    for (let i = 0; i < 11; i++) {
      const client = new BrowserClient(server.url, "192.0.2.77");
      await client.open();
      last = await client.mutate("customer.auth.signUp", { ...signUp, email: `flood${i}@example.com` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(last?.error?.data.retryAfterSeconds).toBeGreaterThan(0);
    const elsewhere = new BrowserClient(server.url, "192.0.2.78");
    await elsewhere.open();
    expect(
      (await elsewhere.mutate("customer.auth.signUp", { ...signUp, email: "calm@example.com" })).status,
    ).toBe(200);
  });

  it("refuses a tRPC batch larger than the limit", async () => {
    const client = new BrowserClient(server.url);
    await client.open();
    const paths = Array.from({ length: 21 }, () => "customer.auth.session").join(",");
    const res = await client.raw(`/trpc/${paths}?batch=1&input=${encodeURIComponent("{}")}`);
    expect(res.status).toBe(400);
    const ok = await client.raw(
      `/trpc/${Array.from({ length: 20 }, () => "customer.auth.session").join(",")}?batch=1&input=${encodeURIComponent("{}")}`,
    );
    expect(ok.status).toBe(200);
  });

  it("answers unknown REST routes with a clear JSON 404, whatever the body", async () => {
    const client = new BrowserClient(server.url);
    const missing = await client.raw("/v1/nothing-here");
    expect(missing.status).toBe(404);
    const broken = await client.raw("/v1/anything", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(broken.status).toBe(404);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toBe(
      "No endpoint POST /v1/anything.",
    );
  });
});

describe("allowed origins", () => {
  it("accepts only the public URL in production, and both loopback names plus the Vite dev servers locally", () => {
    expect(allowedOriginsFor("https://trust.example.com", true)).toEqual(["https://trust.example.com"]);
    const local = allowedOriginsFor("http://localhost:3000", false);
    expect(local).toEqual(
      expect.arrayContaining([
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://localhost:5173",
        "http://127.0.0.1:5174",
      ]),
    );
    expect(local).not.toContain("http://evil.example:3000");
  });
});
