import { expect, type Page } from "@playwright/test";
import { totpCode } from "@trustdesk/playwright-config/totp";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../../packages/services/src/demo/demo-identities.ts";

export type DemoStaff = (typeof DEMO_STAFF)[number];

export function demoStaff(role: DemoStaff["role"]): DemoStaff {
  const staff = DEMO_STAFF.find((s) => s.role === role);
  if (!staff) throw new Error(`The demo data has no staff member with role "${role}"`);
  return staff;
}

/** Password, then the TOTP code; ends on the role's home page, signed in. */
export async function signIn(page: Page, staff: DemoStaff): Promise<void> {
  await page.goto("/agent/sign-in");
  await page.getByLabel("Work email").fill(staff.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-step verification" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(await totpCode(staff.totpSecret));
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(page.getByRole("button", { name: /account menu/ })).toBeVisible();
}

/** Search the accounts by name and open the one with exactly that name. */
export async function openAccount(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await page.getByLabel("Search accounts").fill(name);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("region", { name: "Search results" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}
