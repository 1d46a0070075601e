import { expect, type Page, test } from "@playwright/test";
import { seriousA11yViolations, shot, waitForMail } from "@trustdesk/playwright-config/support";
import { generate } from "otplib";
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from "../../../packages/services/src/demo/demo-identities.ts";
import { staffApi, staffMutate } from "./support/staff-api.ts";

/**
 * The takeover recovery, walked in the browser with the demo account suspended for takeover:
 * the thief who holds the password gets nowhere; the owner gets the code from the mail (delivered over
 * SMTP to the test inbox), recovers, completes the checklist, a lead approves, the account is active.
 */
const owner = DEMO_CUSTOMERS.find(
  (c) => c.scenario === "account_takeover",
) as (typeof DEMO_CUSTOMERS)[number];
const NEW_PASSWORD = "my own passphrase, not the thief's";

async function recoveryCode(baseURL: string, after: number): Promise<string> {
  const mail = await waitForMail(
    baseURL,
    owner.email,
    (m) => m.subject === "Your account recovery code" && Date.parse(m.receivedAt) >= after,
  );
  const match = mail.text.match(/\b(\d{4}) (\d{4})\b/);
  if (!match) throw new Error("the recovery mail carries no code");
  return `${match[1]}${match[2]}`;
}

async function signInWithPassword(page: Page, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a thief with the password gets nowhere; the owner recovers with the mailed code and a lead restores the account", async ({
  page,
  baseURL,
}) => {
  const base = baseURL as string;

  // The thief: the right password opens nothing, only the code page.
  const thiefStarted = Date.now();
  await signInWithPassword(page, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: "Enter your recovery code" })).toBeVisible();
  await expect(page.getByText("o•••@northwind.test")).toBeVisible();
  await shot(page, "recovery-code-step");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto("/settings/api-keys");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email address").fill(owner.email);

  // The owner starts over from "Trouble signing in → My account was taken over".
  await page.goto("/help/sign-in#taken-over");
  await page.getByRole("link", { name: "Recover your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recover your account" })).toBeVisible();
  await page.getByLabel("Your account's email address").fill(owner.email);
  const requested = Date.now();
  await page.getByRole("button", { name: "Send me a recovery code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter your recovery code" })).toBeVisible();
  const code = await recoveryCode(base, Math.max(thiefStarted, requested) - 1000);
  await page.getByRole("textbox", { name: "Recovery code" }).fill(code);
  await page.getByRole("button", { name: "Continue to recovery" }).click();

  // The recovery sign-in: what it can do, and the checklist.
  await expect(page.getByText("You are signed in with a recovery code")).toBeVisible();
  const banner = page.getByRole("region", { name: "Restrictions on your account" });
  await expect(banner.getByText("Case number", { exact: true })).toBeVisible();
  await expect(banner.getByText("Hotline", { exact: true })).toBeVisible();
  // The recovery checklist, in the customer's words, each item done or still to do.
  const checklist = banner.getByRole("list", { name: "What's needed to restore access" });
  await expect(checklist.getByRole("listitem")).toHaveCount(5);
  await expect(
    checklist.getByRole("listitem").filter({ hasText: "Set up two-step verification" }),
  ).toContainText("To do");
  await expect(checklist).toContainText("A second member of our team reviews and approves the reactivation.");
  await shot(page, "recovery-overview");
  expect(await seriousA11yViolations(page)).toEqual([]);

  // 1. A new password, without the old one; 2. two-step verification with the owner's own app.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Security" }).click();
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your new password is set.")).toBeVisible();
  await page
    .getByRole("button", { name: /Turn on two-step verification|Set up two-step verification again/ })
    .click();
  const uri = await page
    .getByRole("link", { name: "Open in an authenticator app on this device" })
    .getAttribute("href");
  const secret = new URL(uri as string).searchParams.get("secret") as string;
  await page.getByLabel("Authentication code").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await page.getByLabel("I have saved my recovery codes somewhere safe").check();
  await page.getByRole("button", { name: /Done|I've saved/ }).click();
  await shot(page, "recovery-security");

  // 3. Every key from before the suspension revoked, a replacement made (held until the lift).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  const revokeButtons = page.getByRole("button", { name: /^Revoke / });
  await expect(revokeButtons.first()).toBeVisible();
  while ((await revokeButtons.count()) > 0) {
    await revokeButtons.first().click();
    await page.getByRole("button", { name: "Revoke key" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
  }
  await page.getByLabel("Key name").fill("Recovered sender");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("This key starts working when our team restores your account.")).toBeVisible();
  await page.getByRole("button", { name: "I've copied it, hide the key" }).click();

  // 4. Sessions reviewed: only this recovery sign-in is open.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  await expect(page.getByText("This browser")).toBeVisible();
  await shot(page, "recovery-sessions");

  // Only the recovery steps are open: the checklist is not a way around the suspension.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tickets" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tickets" })).toBeVisible();

  // An agent asks for the lift; a lead approves it (four-eyes).
  const agent = await staffApi(base, "agent");
  const found = await agent.get(
    `/trpc/staff.accounts.search?input=${encodeURIComponent(JSON.stringify({ query: owner.accountName }))}`,
  );
  const accounts = ((await found.json()) as { result: { data: { id: string; name: string }[] } }).result.data;
  const accountId = accounts.find((a) => a.name === owner.accountName)?.id as string;
  const account = await agent.get(
    `/trpc/staff.accounts.get?input=${encodeURIComponent(JSON.stringify({ accountId }))}`,
  );
  const view = (await account.json()) as {
    result: { data: { enforcements: { id: string; reason: string; status: string }[] } };
  };
  const enforcementId = view.result.data.enforcements.find(
    (e) => e.reason === "account_takeover" && e.status === "active",
  )?.id;
  const asked = await staffMutate(agent, "staff.enforcements.lift", {
    enforcementId,
    note: "Owner finished the checklist",
  });
  expect(asked.body.result?.data.status, JSON.stringify(asked.body)).toBe("awaiting_approval");
  const lead = await staffApi(base, "lead");
  const approved = await staffMutate(lead, "staff.enforcements.approveLift", { enforcementId });
  expect(approved.body.result?.data.status, JSON.stringify(approved.body)).toBe("lifted");

  // The recovery sign-in is over; the owner signs in with the new password and the new factor.
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInWithPassword(page, NEW_PASSWORD);
  await page
    .getByLabel("Authentication code")
    .fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("region", { name: "Restrictions on your account" })).toHaveCount(0);
  await expect(page.getByText("You are signed in with a recovery code")).toHaveCount(0);
  await shot(page, "recovered-overview");
});
