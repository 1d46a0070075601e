import { expect, test } from "@playwright/test";
import { shot } from "@trustdesk/playwright-config/support";
import { demoStaff, signIn } from "./sign-in.ts";

test("an admin sees a mail the worker could not deliver, with its error, and retries it", async ({
  page,
}) => {
  // A sign-up to an address whose mailbox refuses mail (the test inbox answers 550 for bounce.test):
  // the worker tries, records the error and backs off.
  const email = `e2e-${Date.now()}@bounce.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Bo Unce");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("e2e long enough passphrase");
  await page.getByLabel("Company or project name").fill("Bounce Ltd");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();

  await signIn(page, demoStaff("admin"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mail delivery" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mail delivery" })).toBeVisible();
  const table = page.getByRole("table", { name: /Undelivered mail/ });
  const row = table.getByRole("row").filter({ hasText: email });
  // The failed attempt shows up once the worker has tried (within seconds); reload until then.
  await expect(async () => {
    await page.getByRole("button", { name: /Refresh/ }).click();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("Retrying");
  await expect(row).toContainText("no such mailbox here");
  await shot(page, "mail-delivery");

  await row.getByRole("button", { name: new RegExp(`Retry .* to ${email}`) }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mail queued again" })).toBeVisible();
});

test("the Mail delivery page is for admins only", async ({ page }) => {
  await signIn(page, demoStaff("agent"));
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mail delivery" }),
  ).toHaveCount(0);
});
