import { expect, type Page, test } from "@playwright/test";
import {
  newIsolatedPage,
  seriousA11yViolations,
  shot,
  waitForMail,
} from "@trustdesk/playwright-config/support";
import { totpCode } from "@trustdesk/playwright-config/totp";
import { demoStaff, signIn } from "./sign-in.ts";

const NEWCOMER = { email: "nora.newcomer@trustdesk.test", name: "Nora Newcomer" };
const PASSWORD = "violet-harbour-lantern-quiet";

// One story in steps sharing two browsers: the admin's, and the invitee's.
test.describe("staff administration", () => {
  test.describe.configure({ mode: "serial" });
  let admin: Page;
  let invitee: Page;
  let link: string;
  const colleagues = () => admin.getByRole("table", { name: /colleagues/ });

  test.beforeAll(async ({ browser, baseURL }) => {
    admin = await newIsolatedPage(browser, baseURL);
    invitee = await newIsolatedPage(browser, baseURL);
    await signIn(admin, demoStaff("admin"));
  });

  test("an admin invites an agent by email; the link arrives in the inbox", async ({ baseURL }) => {
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
    await expect(colleagues().getByRole("rowheader", { name: /Ada Admin/ })).toBeVisible();
    await expect(colleagues().getByRole("row", { name: /Alex Agent/ })).toContainText("Agent");
    await admin.getByLabel("Work email").fill(NEWCOMER.email);
    await admin.getByLabel("Name (optional)").fill(NEWCOMER.name);
    await admin.getByLabel("Role", { exact: true }).selectOption("agent");
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await expect(admin.getByText(`We sent ${NEWCOMER.email} an invitation as agent.`)).toBeVisible();
    const invitations = admin.getByRole("table", { name: /open invitation/ });
    await expect(invitations.getByRole("row", { name: new RegExp(NEWCOMER.email) })).toContainText("Invited");
    await expect(invitations.getByRole("row", { name: new RegExp(NEWCOMER.email) })).toContainText(
      "Ada Admin",
    );
    await shot(admin, "staff-admin-invited");
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // Inviting a colleague's address is refused by name.
    await admin.getByLabel("Work email").fill(demoStaff("agent").email);
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await expect(admin.getByText(/is already a colleague \(Alex Agent\)/).first()).toBeVisible();

    // The mail reaches the inbox with a single-use link.
    const mail = await waitForMail(baseURL as string, NEWCOMER.email, (m) =>
      m.subject.includes("invited you"),
    );
    expect(mail.subject).toBe("Ada Admin invited you to the Trustdesk dashboard");
    const found = /https?:\/\/\S+\/agent\/invitation\?token=[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
    expect(found).toBeTruthy();
    link = found as string;
  });

  test("the invitee chooses a password, must set up TOTP before anything else, and lands on the queue", async () => {
    await invitee.goto(link);
    await expect(invitee.getByRole("heading", { level: 1, name: "Join the Trustdesk team" })).toBeVisible();
    await expect(
      invitee.getByText(`Ada Admin invited ${NEWCOMER.email} as agent.`, { exact: false }),
    ).toBeVisible();
    await expect(invitee.getByLabel("Your name")).toHaveValue(NEWCOMER.name);
    await invitee.getByLabel("New password", { exact: true }).fill(PASSWORD);
    await invitee.getByLabel("Confirm new password").fill("not-the-same-password");
    await invitee.getByRole("button", { name: "Set password and continue" }).click();
    await expect(invitee.getByText("The two passwords don't match").first()).toBeVisible();
    await shot(invitee, "staff-invitation-mismatch");
    await invitee.getByLabel("Confirm new password").fill(PASSWORD);
    await invitee.getByRole("button", { name: "Set password and continue" }).click();

    await expect(
      invitee.getByRole("heading", { level: 1, name: "Set up two-step verification" }),
    ).toBeVisible();
    await expect(invitee).toHaveURL(/\/agent\/sign-in$/);
    // Nothing else opens before the enrolment: the queue sends them back here.
    await invitee.goto("/agent/queue");
    await expect(
      invitee.getByRole("heading", { level: 1, name: "Set up two-step verification" }),
    ).toBeVisible();
    const uri = await invitee
      .getByRole("link", { name: "Open in an authenticator app on this device" })
      .getAttribute("href");
    const secret = new URL(uri as string).searchParams.get("secret") as string;
    await shot(invitee, "staff-invitation-enrol");
    await invitee.getByLabel("Authentication code").fill(await totpCode(secret));
    await invitee.getByRole("button", { name: "Confirm and continue" }).click();
    await expect(invitee.getByRole("heading", { level: 1, name: "Save your recovery codes" })).toBeVisible();
    await invitee.getByLabel("I have saved my recovery codes somewhere safe").check();
    await invitee.getByRole("button", { name: "Continue to the dashboard" }).click();
    await expect(invitee).toHaveURL(/\/agent\/queue$/);
    await expect(invitee.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
    await expect(invitee.getByRole("button", { name: /account menu/ })).toContainText(NEWCOMER.name);
    await shot(invitee, "staff-invitee-queue");

    // Their own account: the current session is marked.
    await invitee.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My account" }).click();
    await expect(invitee.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
    await expect(invitee.getByRole("table", { name: /Your sessions/ })).toContainText("This browser");
    await shot(invitee, "staff-my-account");
    expect(await seriousA11yViolations(invitee)).toEqual([]);
  });

  test("the admin sees them active, deactivates them after confirming, and their open tab stops working", async () => {
    await admin.reload();
    const row = colleagues().getByRole("row", { name: new RegExp(NEWCOMER.name) });
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Agent");
    await row.getByRole("button", { name: `Deactivate ${NEWCOMER.name}` }).click();
    const dialog = admin.getByRole("dialog", { name: `Deactivate ${NEWCOMER.name}?` });
    await expect(dialog).toContainText("signed out everywhere at once");
    await shot(admin, "staff-admin-deactivate-dialog");
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(
      admin.getByText(`${NEWCOMER.name} was deactivated and signed out everywhere.`),
    ).toBeVisible();
    await expect(row).toContainText("Deactivated");
    await shot(admin, "staff-admin-deactivated");

    // Their open tab stops working at its next request.
    await invitee.goto("/agent/queue");
    await expect(invitee).toHaveURL(/\/agent\/sign-in$/);
    await expect(invitee.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  });
});
