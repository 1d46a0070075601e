import { type APIRequestContext, expect, request } from "@playwright/test";
import { totpCode } from "@trustdesk/playwright-config/totp";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../../../packages/services/src/demo/demo-identities.ts";

/**
 * A demo staff member signed in through the API (the dashboard's own tests drive its screens). The
 * TOTP code comes from the run's step ledger, so two specs signing the same person in never replay a
 * step (the API would rightly refuse it).
 */
export async function staffApi(baseURL: string, role: "agent" | "lead"): Promise<APIRequestContext> {
  const staff = DEMO_STAFF.find((s) => s.role === role);
  if (!staff) throw new Error(`no demo ${role}`);
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await api.get("/trpc/staff.auth.session");
  // The CSRF token is bound to the session, so it is re-read after every change of session.
  const signedIn = await staffMutate(api, "staff.auth.signIn", {
    email: staff.email,
    password: DEMO_PASSWORD,
  });
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
  const verified = await staffMutate(api, "staff.auth.verifySecondFactor", {
    code: await totpCode(staff.totpSecret),
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  return api;
}

/** A tRPC mutation with the session's current CSRF token. */
export async function staffMutate(api: APIRequestContext, path: string, body: unknown) {
  const csrf = (await api.storageState()).cookies.find((c) => c.name === "td_csrf")?.value ?? "";
  const res = await api.post(`/trpc/${path}`, { data: body, headers: { "x-csrf-token": csrf } });
  return {
    status: res.status(),
    body: (await res.json()) as { result?: { data: Record<string, unknown> }; error?: unknown },
  };
}
