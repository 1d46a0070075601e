import { TRPCError } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import type { SessionRealm } from "@trustdesk/domain";
import { defaultServiceConfig, processSignUpRequests, type ServiceDeps } from "@trustdesk/services";
import { latestSignUpToken } from "@trustdesk/services/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TrpcContext } from "../src/index.ts";
import { appRouter, createCaller } from "../src/index.ts";

let database: TestDatabase;
let deps: ServiceDeps;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = {
    db: database.db,
    now: () => new Date(),
    config: {
      ...defaultServiceConfig,
      secretKey: "trpc-test-secret-key-0123456789abcdef",
      publicUrl: "https://portal.example",
      fastPasswordHashing: true,
      vettingEnabled: false,
    },
  };
});
afterAll(async () => {
  await database.destroy();
});

/** A cookie jar as the host would provide it, kept in memory. */
function context(csrfOk = true): TrpcContext & { jar: Map<SessionRealm, string> } {
  const jar = new Map<SessionRealm, string>();
  return {
    jar,
    deps,
    meta: { requestId: "req-1", ip: "192.0.2.1", userAgent: "vitest" },
    csrfOk,
    cookies: {
      read: (realm) => jar.get(realm),
      write: (realm, token) => void jar.set(realm, token),
      clear: (realm) => void jar.delete(realm),
    },
  };
}

describe("the app router through createCaller", () => {
  it("signs a customer up through the emailed link and reads the session back with the cookie it set", async () => {
    const ctx = context();
    const caller = createCaller(ctx);
    expect(
      await caller.customer.auth.signUp({
        email: "caller@example.com",
        password: "a-long-enough-password",
        name: "Caller",
        accountName: "Caller Co",
      }),
    ).toEqual({ status: "check_email" });
    expect(ctx.jar.get("customer")).toBeUndefined();
    await processSignUpRequests(deps);
    const session = await caller.customer.auth.confirmSignUp({
      token: await latestSignUpToken(deps, "caller@example.com"),
    });
    expect(session?.user.email).toBe("caller@example.com");
    expect(ctx.jar.get("customer")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await caller.customer.auth.session())?.account.name).toBe("Caller Co");
    expect(await caller.customer.tickets.list()).toEqual([]);
  });

  it("refuses every mutation without the CSRF defence, before any work is done", async () => {
    const caller = createCaller(context(false));
    const error = await caller.customer.auth
      .signIn({ email: "caller@example.com", password: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
    // Queries have no side effects and need no token.
    expect(await caller.customer.auth.session()).toBeNull();
  });

  it("maps domain errors to tRPC codes: no session → UNAUTHORIZED, customer on staff → FORBIDDEN", async () => {
    const anonymous = createCaller(context());
    await expect(anonymous.customer.account.overview()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.staff.queue.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const ctx = context();
    const customer = createCaller(ctx);
    await customer.customer.auth.signIn({ email: "caller@example.com", password: "a-long-enough-password" });
    await expect(customer.staff.queue.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects bad input with BAD_REQUEST before reaching a service", async () => {
    const caller = createCaller(context());
    await expect(caller.customer.auth.signIn({ email: "not-an-email", password: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("exposes one router for both realms", () => {
    expect(Object.keys(appRouter._def.record).sort()).toEqual(["customer", "staff"]);
  });
});
