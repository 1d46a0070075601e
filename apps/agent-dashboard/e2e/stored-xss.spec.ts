import { type APIRequestContext, expect, request, test } from "@playwright/test";
import {
  newIsolatedPage,
  shot,
  waitForMail,
  watchForScripts,
  xss,
} from "@trustdesk/playwright-config/support";
import { demoStaff, openAccount, signIn } from "./sign-in.ts";

/**
 * Stored XSS, from the team's side: a customer signs up (through the API, as an attacker's script
 * would) with script probes as name and company, names a key with one and opens a ticket made of
 * them; an agent then works the queue, the ticket (adding a note that is itself a probe) and the
 * account. Every probe is shown as text and none runs.
 */
async function mutate(api: APIRequestContext, path: string, body: unknown) {
  const csrf = (await api.storageState()).cookies.find((c) => c.name === "td_csrf")?.value ?? "";
  const res = await api.post(`/trpc/${path}`, { data: body, headers: { "x-csrf-token": csrf } });
  const json = (await res.json()) as { result?: { data: Record<string, unknown> } };
  expect(res.status(), JSON.stringify(json)).toBe(200);
  return json.result?.data ?? {};
}

test("script probes a customer stored are shown to agents as text and never run", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const origin = baseURL as string;
  const email = `xss-${Date.now()}@e2e-dashboard-xss.test`;
  const company = xss(1);
  const subject = xss(3);

  const customer = await request.newContext({ baseURL: origin, extraHTTPHeaders: { origin } });
  await customer.get("/trpc/customer.auth.session");
  await mutate(customer, "customer.auth.signUp", {
    email,
    password: "e2e long enough passphrase",
    name: xss(0),
    accountName: company,
  });
  const mail = await waitForMail(origin, email, (m) => /confirm-sign-up\?token=/.test(m.text));
  const token = /confirm-sign-up\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  await mutate(customer, "customer.auth.confirmSignUp", { token });
  await mutate(customer, "customer.apiKeys.create", { name: xss(2) });
  await mutate(customer, "customer.tickets.open", {
    category: "other",
    subject,
    body: `${xss(4)}\n${xss(5)}\n${xss(6)}`,
    idempotencyKey: `xss-dashboard-${Date.now()}`,
  });
  await customer.dispose();

  const page = await newIsolatedPage(browser, origin);
  const scripts = watchForScripts(page);
  await signIn(page, demoStaff("agent"));

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue" }).click();
  await expect(page.getByRole("link", { name: subject })).toBeVisible();
  await scripts.check();

  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText("Loading the account…")).toHaveCount(0);
  const conversation = page.getByRole("region", { name: "Conversation" });
  for (const i of [4, 5, 6]) await expect(conversation.getByText(xss(i))).toBeVisible();
  await scripts.check();

  // The agent's own note is a probe too.
  await page.getByRole("radio", { name: /Internal note/ }).check();
  await page.getByLabel("Internal note (agents only)").fill(xss(7));
  await page.getByRole("button", { name: "Add internal note" }).click();
  await expect(conversation.getByText(xss(7))).toBeVisible();
  expect(await page.locator("main img[src='x'], main svg[onload], main iframe, main script").count()).toBe(0);
  expect(await page.locator("main a[href^='javascript:']").count()).toBe(0);
  await shot(page, "stored-xss-ticket");
  await scripts.check();

  await openAccount(page, company);
  await expect(page.getByText(xss(2)).first()).toBeVisible();
  await shot(page, "stored-xss-account");
  await scripts.check();
});
