import { expect, test } from "@playwright/test";
import { newIsolatedPage, seriousA11yViolations, shot } from "@trustdesk/playwright-config/support";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../../packages/services/src/demo/demo-identities.ts";
import { totpCode } from "./totp.ts";

// Not the agent used by staff-auth.spec.ts, so no TOTP step is reused across files.
const staff = DEMO_STAFF.find((s) => s.role === "admin") ?? DEMO_STAFF[2];

test("sign-in and signed-in pages have no serious or critical accessibility violations", async ({
  browser,
  baseURL,
}) => {
  const page = await newIsolatedPage(browser, baseURL);
  await page.goto("/agent/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  expect(await seriousA11yViolations(page), "axe on the password step").toEqual([]);

  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  expect(await seriousA11yViolations(page), "axe on the password step with errors").toEqual([]);

  await page.getByLabel("Work email").fill(staff.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-step verification" })).toBeVisible();
  expect(await seriousA11yViolations(page), "axe on the TOTP step").toEqual([]);

  await page.getByLabel("Authentication code").fill(await totpCode(staff.totpSecret));
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  await expect(page.getByText("Loading the queue…")).toHaveCount(0);
  expect(await seriousA11yViolations(page), "axe on the queue").toEqual([]);
  await shot(page, "a11y-queue");

  await page.goto("/agent/accounts/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  expect(await seriousA11yViolations(page), "axe on the account page").toEqual([]);

  await page.getByRole("button", { name: /account menu/ }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await seriousA11yViolations(page), "axe with the user menu open").toEqual([]);
  await page.context().close();
});
