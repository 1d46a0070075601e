import { expect, test } from "@playwright/test";
import { shot } from "@trustdesk/playwright-config/support";
import { totpCode } from "@trustdesk/playwright-config/totp";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../../packages/services/src/demo/demo-identities.ts";

const agent = DEMO_STAFF.find((s) => s.role === "agent") ?? DEMO_STAFF[0];

test("a staff member signs in with a TOTP code and lands on the queue", async ({ page }) => {
  await page.goto("/agent/");
  await expect(page).toHaveURL(/\/agent\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  await page.getByLabel("Work email").fill(agent.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Two-step verification" })).toBeVisible();
  await shot(page, "staff-second-factor");
  await page.getByLabel("Authentication code").fill(await totpCode(agent.totpSecret));
  await page.getByRole("button", { name: "Verify and continue" }).click();

  await expect(page).toHaveURL(/\/agent\/queue$/);
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  await expect(page).toHaveTitle(/Queue/);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue" }),
  ).toHaveAttribute("aria-current", "page");
  // Either the table of tickets or the empty state, never a spinner or an error.
  await expect(
    page.getByRole("region", { name: /Open tickets/ }).or(page.getByText("The queue is empty")),
  ).toBeVisible();
  await shot(page, "staff-queue");

  await page.getByRole("button", { name: /account menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/agent\/sign-in$/);
  await expect(page.getByText("You have signed out.")).toBeVisible();
});

test("a wrong staff password shows an error", async ({ page }) => {
  await page.goto("/agent/sign-in");
  await page.getByLabel("Work email").fill(agent.email);
  await page.getByLabel("Password", { exact: true }).fill("not the staff password");
  await page.getByRole("button", { name: "Continue" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/don't match|incorrect/i);
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  await shot(page, "staff-wrong-password");
});

test("a wrong TOTP code is refused with a message next to the field", async ({ page }) => {
  const lead = DEMO_STAFF.find((s) => s.role === "lead") ?? DEMO_STAFF[1];
  await page.goto("/agent/sign-in");
  await page.getByLabel("Work email").fill(lead.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Two-step verification" })).toBeVisible();
  await shot(page, "staff-wrong-code");
});
