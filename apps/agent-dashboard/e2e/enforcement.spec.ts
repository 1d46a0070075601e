import { expect, type Page, test } from "@playwright/test";
import { newIsolatedPage, shot } from "@trustdesk/playwright-config/support";
import { demoStaff, openAccount, signIn } from "./sign-in.ts";

// Each role signs in once in this file (a TOTP step works once).

test("a fraud analyst reports a compromise and sees the account suspended with the takeover checklist", async ({
  page,
}) => {
  await signIn(page, demoStaff("fraud_analyst"));
  // Analysts don't work tickets: their home is the accounts search, and the menu shows only what they may open.
  await expect(page).toHaveURL(/\/agent\/accounts$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Queue" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Vetting", exact: true })).toHaveCount(0);

  await openAccount(page, "Acme Newsletters");
  await expect(page).toHaveTitle(/Acme Newsletters/);
  await expect(page.getByText("No active enforcement")).toBeVisible();
  await expect(page.getByRole("button", { name: "Report compromise" })).toBeVisible();

  await page.getByRole("button", { name: "Report compromise" }).click();
  const dialog = page.getByRole("dialog", { name: /Report a compromise of Acme Newsletters/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Report id")).toHaveValue(/^dash-\d+$/);
  await expect(dialog.getByLabel("What was seen")).toBeFocused();
  await dialog
    .getByLabel("What was seen")
    .fill("Sign-ins from two countries within the hour, then the sender settings changed.");
  await dialog.getByLabel("Signals").fill("impossible travel\nnew device changed the sender settings");
  await shot(page, "report-compromise-dialog");
  await dialog.getByRole("button", { name: "Report and suspend" }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole("status").filter({ hasText: "Compromise reported" })).toBeVisible();
  const enforcement = page.getByRole("region", { name: "Account takeover", exact: true });
  await expect(enforcement).toBeVisible();
  await expect(enforcement).toContainText(/Case TD-\d{4}-\d{6}/);
  await expect(enforcement).toContainText("impossible travel");
  const checklist = enforcement.getByRole("list", { name: "Reactivation checklist" });
  await expect(checklist.getByRole("listitem")).toHaveCount(5);
  await expect(
    checklist.getByRole("listitem").filter({ hasText: "Password changed after the suspension" }),
  ).toContainText("Not met");
  await expect(checklist).toContainText("Approved by a second person (a lead)");
  // An analyst reports; lifting is for agents and leads.
  await expect(enforcement.getByText("Your role can't lift enforcements.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Newsletters" })).toBeVisible();
  await expect(page.locator(".account-header__facts")).toContainText("Restricted");
  await shot(page, "account-ato-reported");
});

test.describe("an agent", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;

  test.beforeAll(async ({ browser, baseURL }) => {
    page = await newIsolatedPage(browser, baseURL);
    await signIn(page, demoStaff("agent"));
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  test("approves Quick Promo Deals from the vetting queue, and the account becomes active", async () => {
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Vetting", exact: true })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Vetting" })).toBeVisible();
    await expect(page).toHaveTitle(/Vetting/);
    const signUp = page.getByRole("region", { name: "Quick Promo Deals", exact: true });
    await expect(signUp).toBeVisible();
    await expect(signUp).toContainText("owner@quickpromo.test");
    const rules = signUp.getByRole("region", { name: /Rules that fired/ });
    await expect(rules.getByRole("row", { name: /Many sign-ups from the same IP/ })).toContainText("+30");
    await expect(rules).toContainText("4 earlier sign-ups from the same IP in the last 24 h");
    await shot(page, "vetting-queue");

    await signUp.getByRole("button", { name: "Approve" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve Quick Promo Deals?" });
    await expect(dialog).toBeVisible();
    // The note is required.
    await dialog.getByRole("button", { name: "Approve sign-up" }).click();
    await expect(dialog.getByRole("alert")).toContainText("Write a note of at least 10 characters");
    await expect(dialog.getByLabel("Note for the record")).toHaveAttribute("aria-invalid", "true");
    await dialog
      .getByLabel("Note for the record")
      .fill(
        "Checked the website and the owner's domain: a real business, the velocity was a shared office IP.",
      );
    await shot(page, "vetting-approve-dialog");
    await dialog.getByRole("button", { name: "Approve sign-up" }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByRole("status").filter({ hasText: "Quick Promo Deals approved" })).toBeVisible();
    await expect(signUp).toHaveCount(0);

    await openAccount(page, "Quick Promo Deals");
    await expect(page.locator(".account-header__facts")).toContainText("Active");
    await expect(page.getByText("No active enforcement")).toBeVisible();
    const history = page.getByRole("region", { name: "Past enforcements", exact: true });
    await expect(history).toContainText("Sign-up vetting");
    await expect(history).toContainText("Lifted by");
    const vetting = page.getByRole("region", { name: "Vetting decisions", exact: true });
    await expect(vetting).toContainText("Staff decision");
    await shot(page, "account-vetting-approved");
  });

  test("opens Pixel Forge and sees the exposure with its unmet requirements", async () => {
    await openAccount(page, "Pixel Forge");
    await expect(page.locator(".account-header__facts")).toContainText("Restricted");

    const exposures = page.getByRole("region", { name: "Exposures", exact: true });
    await expect(exposures).toContainText("Production sender");
    await expect(exposures).toContainText("https://code.example/pixelforge/site/blob/main/.env");
    await expect(exposures).toContainText("Secret-scanning partner");

    const enforcement = page.getByRole("region", { name: "Exposed credentials", exact: true });
    const checklist = enforcement.getByRole("list", { name: "Reactivation checklist" });
    const item = (name: string) => checklist.getByRole("listitem").filter({ hasText: name });
    await expect(item("Exposed keys revoked")).toContainText("Met");
    await expect(item("Replacement key created")).toContainText("Not met");
    await expect(item("Clean-up confirmed by the customer")).toContainText("Not met");
    await expect(enforcement).toContainText("1 of 3 met");
    // The lift would be refused: the button says so instead of failing.
    await expect(enforcement.getByRole("button", { name: "Lift enforcement" })).toBeDisabled();
    await expect(enforcement).toContainText("2 requirements are not met yet");

    const keys = page.getByRole("region", { name: "API keys", exact: true });
    await expect(keys).toContainText("Revoked");
    await shot(page, "account-exposed-credentials");
  });
});
