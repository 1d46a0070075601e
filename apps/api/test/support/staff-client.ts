import { DEMO_PASSWORD, DEMO_STAFF } from "@trustdesk/services";
import { generate } from "otplib";
import { expect } from "vitest";
import { BrowserClient } from "./browser-client.ts";

/**
 * A demo staff member signed in (password, then TOTP) in a browser of their own. A TOTP code works
 * once per 30-second step (replay protection), so a file signs each role in once: keep the promise.
 */
export async function signInDemoStaff(url: string, role: string): Promise<BrowserClient> {
  const s = DEMO_STAFF.find((x) => x.role === role);
  if (!s) throw new Error(`no demo staff member with role ${role}`);
  const client = new BrowserClient(url);
  await client.open();
  await client.mutate("staff.auth.signIn", { email: s.email, password: DEMO_PASSWORD });
  const ok = await client.mutate("staff.auth.verifySecondFactor", {
    code: await generate({ secret: s.totpSecret }),
  });
  expect(ok.status).toBe(200);
  return client;
}

/** One signed-in client per role for a test file (see `signInDemoStaff`). */
export function staffClients(url: () => string) {
  const signedIn = new Map<string, Promise<BrowserClient>>();
  return (role: string): Promise<BrowserClient> => {
    let client = signedIn.get(role);
    if (!client) {
      client = signInDemoStaff(url(), role);
      signedIn.set(role, client);
    }
    return client;
  };
}
