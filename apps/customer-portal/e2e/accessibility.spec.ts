import { expect, test } from "@playwright/test";
import { newIsolatedPage, seriousA11yViolations, shot } from "@trustdesk/playwright-config/support";
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from "../../../packages/services/src/demo/demo-identities.ts";

const SIGNED_OUT_PAGES = [
  { path: "/sign-in", heading: "Sign in to Trustdesk" },
  { path: "/sign-up", heading: "Create your account" },
  { path: "/forgot-password", heading: "Reset your password" },
  {
    path: "/reset-password?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    heading: "Choose a new password",
  },
  {
    path: "/confirm-sign-up?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    heading: "Finish creating your account",
  },
  { path: "/help/sign-in", heading: "Trouble signing in?" },
  { path: "/recover", heading: "Recover your account" },
];

const SIGNED_IN_PAGES = [
  { path: "/", heading: /Welcome/ },
  { path: "/tickets", heading: "Tickets" },
  { path: "/settings/security", heading: "Security" },
  { path: "/settings/api-keys", heading: "API keys" },
  { path: "/settings/sessions", heading: "Sessions" },
  { path: "/tickets/new", heading: "New ticket" },
];

test("sign-in pages have no serious or critical accessibility violations", async ({ browser, baseURL }) => {
  const page = await newIsolatedPage(browser, baseURL);
  for (const { path, heading } of SIGNED_OUT_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    expect(await seriousA11yViolations(page), `axe on ${path}`).toEqual([]);
  }
  // The error state of a form, too.
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  expect(await seriousA11yViolations(page), "axe on /sign-in with errors").toEqual([]);
  await page.context().close();
});

test("signed-in pages have no serious or critical accessibility violations", async ({ browser, baseURL }) => {
  // A restricted account (exposed key), so the restriction banner is scanned too. The takeover
  // account cannot sign in with a password at all: takeover-recovery.spec.ts scans its pages.
  const customer = DEMO_CUSTOMERS.find((c) => c.scenario === "exposed_credentials") ?? DEMO_CUSTOMERS[0];
  const page = await newIsolatedPage(browser, baseURL);
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(customer.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();

  for (const { path, heading } of SIGNED_IN_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("status")).toHaveCount(0);
    expect(await seriousA11yViolations(page), `axe on ${path}`).toEqual([]);
    await shot(page, `a11y${path === "/" ? "-overview" : path.replaceAll("/", "-")}`);
  }
  // The open user menu.
  await page.getByRole("button", { name: /account menu/ }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await seriousA11yViolations(page), "axe with the user menu open").toEqual([]);
  await page.context().close();
});
