import { expect, test } from "@playwright/test";
import { shot } from "@trustdesk/playwright-config/support";
import { DEMO_CUSTOMERS } from "../../../packages/services/src/demo/demo-identities.ts";
import { linkMailedTo } from "./support/mailbox.ts";

function demoCustomer(scenario: string) {
  const customer = DEMO_CUSTOMERS.find((c) => c.scenario === scenario);
  if (!customer) throw new Error(`The demo data has no customer with scenario "${scenario}"`);
  return customer;
}

test("a new customer signs up, confirms the address from the mail, signs out, signs in again and sees the overview", async ({
  page,
}) => {
  const email = `e2e-${Date.now()}@e2e-portal.test`;
  const password = "e2e long enough passphrase";

  await page.goto("/sign-up");
  await expect(page).toHaveTitle(/Create your account/);
  await page.getByLabel("Your name").fill("Evie Tester");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Company or project name").fill("E2E Newsletters");
  await shot(page, "sign-up-filled");
  await page.getByRole("button", { name: "Create account" }).click();

  // The same answer whether or not the address has an account: the mail says what comes next.
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(email);
  await shot(page, "sign-up-check-email");
  await page.goto(await linkMailedTo(new URL(page.url()).origin, email, "/confirm-sign-up"));
  await expect(page).toHaveTitle(/Finish creating your account/);
  await page.getByRole("button", { name: "Create my account" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Evie" })).toBeVisible();
  await expect(page).toHaveTitle(/Overview/);
  await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
  await expect(page.getByRole("main").getByText("E2E Newsletters").first()).toBeVisible();
  await shot(page, "overview-after-sign-up");

  await page.getByRole("button", { name: /account menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText("You have signed out.")).toBeVisible();

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Evie" })).toBeVisible();
  await expect(page.getByRole("main").getByText("E2E Newsletters").first()).toBeVisible();
  await shot(page, "overview-after-sign-in");
});

test("signing up with an address that already has an account answers the same and mails the owner", async ({
  page,
}) => {
  const owner = demoCustomer("healthy");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Work email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill("e2e long enough passphrase");
  await page.getByLabel("Company or project name").fill("Copycat Ltd");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  expect(await linkMailedTo(new URL(page.url()).origin, owner.email, "/forgot-password")).toBe(
    "/forgot-password",
  );
});

test("a wrong password shows an error and keeps the customer on the sign-in page", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(demoCustomer("healthy").email);
  await page.getByLabel("Password", { exact: true }).fill("definitely not the password");
  await page.getByRole("button", { name: "Sign in" }).click();

  const alert = page.getByRole("alert");
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/don't match|incorrect/i);
  await expect(alert).toBeFocused();
  await expect(page).toHaveURL(/\/sign-in$/);
  await shot(page, "sign-in-wrong-password");
});

test("client-side validation names every invalid field", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByRole("button", { name: "Create account" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Enter a valid email address");
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "sign-up-validation");
});
