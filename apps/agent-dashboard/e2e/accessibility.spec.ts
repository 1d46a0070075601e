import { expect, type Page, test } from "@playwright/test";
import { newIsolatedPage, seriousA11yViolations, shot } from "@trustdesk/playwright-config/support";
import { totpCode } from "@trustdesk/playwright-config/totp";
import { DEMO_PASSWORD } from "../../../packages/services/src/demo/demo-identities.ts";
import { demoStaff } from "./sign-in.ts";

// Not the agent used by staff-auth.spec.ts, so no TOTP step is reused across files.
const staff = demoStaff("admin");

/** Waits for the page's data (no spinner left), then runs axe. */
async function expectNoSeriousViolations(page: Page, what: string) {
  await expect(page.locator(".td-loading-state")).toHaveCount(0);
  expect(await seriousA11yViolations(page), `axe on ${what}`).toEqual([]);
}

test("sign-in and signed-in pages have no serious or critical accessibility violations", async ({
  browser,
  baseURL,
}) => {
  // One sign-in (a TOTP step works once) and an axe scan of every page: longer than the default.
  test.setTimeout(360_000);
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
  await expect(page.getByRole("heading", { level: 1, name: "Account not found" })).toBeVisible();
  await expectNoSeriousViolations(page, "an unknown account");
  // An unknown ticket and case say so, with the way on (the queue, the list).
  await page.goto("/agent/tickets/999999");
  await expect(page.getByRole("heading", { level: 1, name: "Ticket not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the queue" })).toBeVisible();
  await expectNoSeriousViolations(page, "an unknown ticket");
  await page.goto("/agent/cases/TD-2026-999999");
  await expect(page.getByRole("heading", { level: 1, name: "Case not found" })).toBeVisible();
  await expect(page.getByText("No case numbered TD-2026-999999")).toBeVisible();
  await expectNoSeriousViolations(page, "an unknown case");
  await shot(page, "a11y-unknown-case");

  // Accounts: the search before and after a query.
  await page.goto("/agent/accounts");
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await expectNoSeriousViolations(page, "the accounts search");
  await page.getByLabel("Search accounts").fill("o");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("region", { name: /accounts? matching/ })).toBeVisible();
  await expectNoSeriousViolations(page, "the search results");
  await shot(page, "a11y-accounts-search");

  // The account page of each enforcement reason.
  for (const name of ["Northwind Traders", "Sleepy Hollow Inn", "Pixel Forge", "Bloom Florists"]) {
    await page.goto(`/agent/accounts?q=${encodeURIComponent(name)}`);
    await page
      .getByRole("region", { name: "Search results" })
      .getByRole("link", { name, exact: true })
      .click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(name));
    await expectNoSeriousViolations(page, `the account page of ${name}`);
    await shot(page, `a11y-account-${name.toLowerCase().replaceAll(" ", "-")}`);
  }

  // A dialog: focus moves in and stays in (Tab cycles), Escape closes it and focus returns.
  const opener = page.getByRole("button", { name: "Open manual enforcement" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Restrict Bloom Florists" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await dialog.getByRole("button", { name: "Restrict account" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Choose why the account is being restricted");
  expect(await seriousA11yViolations(page), "axe with the manual enforcement dialog and its errors").toEqual(
    [],
  );
  await shot(page, "a11y-manual-enforcement-dialog");
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    expect(
      await dialog.evaluate((d) => d.contains(document.activeElement)),
      "focus stays in the dialog",
    ).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // The data table behind the activity charts.
  await page.getByRole("button", { name: "Show the numbers" }).click();
  await expect(page.getByRole("region", { name: /Days with activity/ })).toBeVisible();
  await expectNoSeriousViolations(page, "the activity table");

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Vetting", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Vetting" })).toBeVisible();
  await expectNoSeriousViolations(page, "the vetting queue");
  await shot(page, "a11y-vetting");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  await expectNoSeriousViolations(page, "the approvals");
  await shot(page, "a11y-approvals");

  await page.getByRole("button", { name: /account menu/ }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await seriousA11yViolations(page), "axe with the user menu open").toEqual([]);
  await page.context().close();
});
