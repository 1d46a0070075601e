import { expect, type Page, test } from "@playwright/test";
import { shot } from "@trustdesk/playwright-config/support";
import { linkMailedTo } from "./support/mailbox.ts";

async function signUp(page: Page, name: string, company: string) {
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@e2e-portal.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("e2e long enough passphrase");
  await page.getByLabel("Company or project name").fill(company);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await page.goto(await linkMailedTo(new URL(page.url()).origin, email, "/confirm-sign-up"));
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}

test("a customer creates an API key, sees it once, and revokes it", async ({ page }) => {
  await signUp(page, "Kim Keys", "E2E Keys Ltd");
  await page.getByRole("navigation").getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page).toHaveTitle(/API keys/);
  await expect(page.getByText("No API keys yet")).toBeVisible();

  // Validation before any call.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("alert")).toContainText("Name the key");
  await expect(page.getByLabel("Key name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Key name").fill("Production sender");
  await page.getByRole("button", { name: "Create key" }).click();

  const notice = page.getByRole("region", { name: "Your new API key" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("you won't see it again");
  const key = (await notice.locator(".td-code-value__text").textContent()) ?? "";
  expect(key).toMatch(/^SG\.[\w-]+\.[\w-]+$/);
  await expect(notice.getByRole("button", { name: "Copy key" })).toBeVisible();

  const row = page.getByRole("row", { name: /Production sender/ });
  await expect(row).toContainText("Active");
  // The table shows only the prefix, never the secret.
  await expect(row).not.toContainText(key);
  await shot(page, "api-keys-created");

  await notice.getByRole("button", { name: /hide the key/ }).click();
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create key" })).toBeVisible();

  // Revoke, through the confirmation dialog (which starts on Cancel).
  await row.getByRole("button", { name: "Revoke Production sender" }).click();
  const dialog = page.getByRole("dialog", { name: /Revoke “Production sender”/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await shot(page, "api-keys-revoke-dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: "Revoke Production sender" }).click();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("The key “Production sender” was revoked.")).toBeVisible();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await shot(page, "api-keys-revoked");
});

test("a customer opens an “other” ticket and sees it in the list", async ({ page }) => {
  await signUp(page, "Tess Tickets", "E2E Tickets Ltd");
  await page.getByRole("navigation").getByRole("link", { name: "Tickets" }).click();
  await page.getByRole("main").getByRole("link", { name: "New ticket" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New ticket" })).toBeVisible();
  await expect(page).toHaveTitle(/New ticket/);
  await expect(page.getByRole("main")).toContainText("no live chat");
  await expect(page.getByRole("main")).toContainText("24–48 hours");

  // Client-side validation names the missing fields.
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose what your ticket is about");

  // A category's own fields appear with it.
  const category = page.getByLabel("What is your ticket about?");
  await category.selectOption("dormant_account");
  await page.getByLabel("Subject").fill("Reactivate please");
  await page.getByLabel("Message").fill("We are back.");
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page.getByRole("alert")).toContainText("Tell us in a sentence or two");
  await expect(page.getByLabel("What will you send, and to whom?")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "new-ticket-validation");

  await category.selectOption("other");
  await expect(page.getByLabel("Sending domains")).toHaveCount(0);
  await page.getByLabel("Subject").fill("Question about invoices");
  await page.getByLabel("Message").fill("Where can I find last month's invoice?");
  await shot(page, "new-ticket-filled");
  await page.getByRole("button", { name: "Send ticket" }).click();

  await expect(page).toHaveURL(/\/tickets$/);
  await expect(page.getByText(/Ticket #\d+ was sent/)).toBeVisible();
  const link = page.getByRole("link", { name: "Question about invoices" });
  await expect(link).toBeVisible();
  await shot(page, "tickets-after-open");

  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: "Question about invoices" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Where can I find last month's invoice?");
  await expect(page.getByRole("main")).toContainText("First response");
  await shot(page, "ticket-detail");
});
