import { expect, test } from "@playwright/test";
import { seriousA11yViolations, shot } from "@trustdesk/playwright-config/support";
import { demoStaff, openAccount, signIn } from "./sign-in.ts";

const DEVICE_RULE = "Many sign-ups from the same device in 24 h";

test("an admin drafts a policy change, replays it against recent sign-ups, and publishes it", async ({
  page,
}) => {
  // One sign-in and a whole draft → replay → publish round on a shared machine: longer than the default.
  test.setTimeout(360_000);
  await signIn(page, demoStaff("admin"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Vetting policy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vetting policy" })).toBeVisible();
  await expect(page).toHaveTitle(/Vetting policy/);

  // The active version: every rule by name, with what it checks, its weight and parameters.
  const active = page.locator(".policy-version");
  await expect(active.getByRole("heading", { name: /Version 1\s*Active/ })).toBeVisible();
  await expect(active).toContainText("score ≥ 40");
  await expect(active).toContainText("score ≥ 80");
  const deviceRow = active.getByRole("row", { name: new RegExp(DEVICE_RULE) });
  await expect(deviceRow).toContainText("+40");
  await expect(deviceRow).toContainText("Fires at 2 or more earlier sign-ups");
  await expect(active.getByRole("row", { name: /Email domain cannot receive mail/ })).toContainText(
    "null MX",
  );
  await expect(active).not.toContainText("velocity_device_24h");
  expect(await seriousA11yViolations(page), "axe on the active policy").toEqual([]);
  await shot(page, "vetting-policy-active");

  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/agent\/vetting-policy\?version=2$/);
  await expect(page.getByRole("heading", { name: /Draft version 2/ }).first()).toBeVisible();
  const form = page.getByRole("form", { name: "Edit draft version 2" });

  // A mistake is shown beside its field, checked with the same schema the API uses.
  await form.getByLabel("Reject at").fill("30");
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByRole("alert")).toContainText(
    "The reject threshold must be higher than the review threshold",
  );
  await expect(form.getByLabel("Reject at")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Reject at").fill("80");

  // The device velocity rule now only corroborates.
  await form.getByLabel(`Weight of “${DEVICE_RULE}”`).fill("5");
  await form.getByLabel("What this version changes, and why").fill("Device velocity only corroborates");
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft version 2 saved" })).toBeVisible();
  await expect(page.getByText("revision 1").first()).toBeVisible();
  await expect(form.getByLabel(`Weight of “${DEVICE_RULE}”`)).toHaveValue("5");

  // Replay against the last 60 days of real sign-ups: Quick Promo Deals would no longer be held.
  await page.getByLabel("Days of sign-ups").fill("60");
  await page.getByRole("button", { name: "Replay draft" }).click();
  const result = page.getByRole("region", { name: "Replay result" });
  await expect(result).toBeVisible();
  await expect(result.getByRole("alert").or(result.getByRole("status")).first()).toContainText(
    /1 decision would change/,
  );
  const matrix = result.getByRole("region", { name: /Decisions at the time \(rows\) against version 2/ });
  await expect(matrix.locator('td[data-from="review"][data-to="approve"]')).toHaveText("1");
  const changed = result.getByRole("row", { name: /Quick Promo Deals/ });
  await expect(changed).toContainText("Review");
  await expect(changed).toContainText("score 70");
  await expect(changed).toContainText("under v1");
  await expect(changed).toContainText("Approve");
  await expect(changed).toContainText("score 35");
  expect(await seriousA11yViolations(page), "axe on the draft and its replay").toEqual([]);
  await shot(page, "vetting-policy-replay");

  await page.getByRole("button", { name: "Publish v2" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish version 2?" });
  await expect(dialog).toBeVisible();
  await shot(page, "vetting-policy-publish-dialog");
  await dialog.getByRole("button", { name: "Publish version 2" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Version 2 published" })).toBeVisible();
  await expect(page).toHaveURL(/\/agent\/vetting-policy$/);
  await expect(active.getByRole("heading", { name: /Version 2\s*Active/ })).toBeVisible();
  await expect(active.getByRole("row", { name: new RegExp(DEVICE_RULE) })).toContainText("+5");
  await expect(active).toContainText("Device velocity only corroborates");

  // Old versions stay readable.
  const versions = page.getByRole("region", { name: "Vetting policy versions" });
  await expect(versions.getByRole("row", { name: /Version 1/ })).toContainText("Retired");
  await shot(page, "vetting-policy-published");
  await versions.getByRole("link", { name: "Version 1" }).click();
  await expect(active.getByRole("heading", { name: /Version 1\s*Retired/ })).toBeVisible();
  await expect(active.getByRole("row", { name: new RegExp(DEVICE_RULE) })).toContainText("+40");

  // The vetting queue names each decision's version (a link) and its thresholds beside the score.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Vetting", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Vetting" })).toBeVisible();
  await expect(page.getByText("Loading the sign-ups in review…")).toHaveCount(0);
  await shot(page, "vetting-policy-queue");

  // An account's decisions show the thresholds of the version they were made under beside the score.
  await openAccount(page, "Quick Promo Deals");
  const decisions = page.getByRole("region", { name: "Vetting decisions", exact: true });
  await expect(decisions).toContainText("score 70 (review at 40, reject at 80)");
  await expect(decisions.getByRole("row", { name: new RegExp(DEVICE_RULE) })).toContainText("+40");
  await shot(page, "vetting-policy-account-decision");
});
