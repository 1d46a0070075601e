import { expect, test } from "@playwright/test";
import { seriousA11yViolations, shot } from "@trustdesk/playwright-config/support";
import {
  DEMO_CUSTOMERS,
  DEMO_PASSWORD,
  DEMO_TEAM_MEMBERS,
} from "../../../packages/services/src/demo/demo-identities.ts";

function demoTeam() {
  const owner = DEMO_CUSTOMERS.find((c) => c.email === "owner@acme.test");
  const admin = DEMO_TEAM_MEMBERS.find((m) => m.ownerEmail === owner?.email && m.role === "admin");
  const member = DEMO_TEAM_MEMBERS.find((m) => m.ownerEmail === owner?.email && m.role === "member");
  if (!owner || !admin || !member) throw new Error("The demo data has no Acme team (owner, admin, member)");
  return { owner, admin, member };
}

test("an owner invites a member, changes a role and removes a user", async ({ page }) => {
  const { owner, admin, member } = demoTeam();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();

  await page.getByRole("navigation").getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page).toHaveTitle(/Users/);
  const people = page.getByRole("table", { name: /users/ });
  await expect(people.getByRole("row", { name: new RegExp(owner.name) })).toContainText("(you)");
  const adminRow = people.getByRole("row", { name: new RegExp(admin.name) });
  const memberRow = people.getByRole("row", { name: new RegExp(member.name) });
  await expect(memberRow).toContainText("Never");
  await expect(memberRow).toContainText("Off");
  // The owner's own row offers neither a role change nor removal.
  await expect(people.getByRole("button", { name: `Remove ${owner.name}` })).toHaveCount(0);
  await expect(page.getByText("No pending invitations")).toBeVisible();
  expect(await seriousA11yViolations(page), "axe on /users").toEqual([]);

  // Inline validation before any call.
  const inviteForm = page.getByRole("form", { name: "Invite a user" });
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByRole("alert")).toContainText("Enter a valid email address");
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");

  const invitee = `e2e-invitee-${Date.now()}@acme.test`;
  await page.getByLabel("Email address").fill(invitee);
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`We sent an invitation to ${invitee}.`)).toBeVisible();
  const invitations = page.getByRole("table", { name: /pending invitation/ });
  const invitationRow = invitations.getByRole("row", { name: new RegExp(invitee) });
  await expect(invitationRow).toContainText("Member");
  await expect(invitationRow).toContainText(owner.name);
  await shot(page, "users-invited");

  // Change a role: the member becomes an admin.
  await page.getByLabel(`Role of ${member.name}`).selectOption("admin");
  await expect(page.getByText(`${member.name} is now admin.`)).toBeVisible();
  await expect(page.getByLabel(`Role of ${member.name}`)).toHaveValue("admin");

  // Remove a user, through the dialog that names them (it starts on Cancel).
  await adminRow.getByRole("button", { name: `Remove ${admin.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${admin.name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(admin.email);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await shot(page, "users-remove-dialog");
  await dialog.getByRole("button", { name: "Remove user" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(`${admin.name} was removed and signed out everywhere.`)).toBeVisible();
  await expect(people.getByRole("row", { name: new RegExp(admin.name) })).toHaveCount(0);

  // Revoke the pending invitation.
  await invitationRow.getByRole("button", { name: `Revoke the invitation to ${invitee}` }).click();
  await expect(page.getByText(`The invitation to ${invitee} was revoked`)).toBeVisible();
  await expect(page.getByText("No pending invitations")).toBeVisible();
  await shot(page, "users-after-changes");

  // The removed admin can no longer sign in.
  await page.getByRole("button", { name: /account menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await page.getByLabel("Email address").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText(/don't match/);
});

test("an invitation link without a token explains what to do", async ({ page }) => {
  await page.goto("/invitations/accept");
  await expect(page.getByText("No invitation in this link")).toBeVisible();
  await page.goto("/invitations/accept?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByRole("heading", { level: 1, name: "Join your team's account" })).toBeVisible();
  await page.getByLabel("Your name").fill("Ivy Invitee");
  await page.getByLabel("Password", { exact: true }).fill("e2e long enough passphrase");
  await page.getByLabel("Confirm password").fill("e2e long enough passphrase");
  await page.getByRole("button", { name: "Join and sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("expired or was already used");
  expect(await seriousA11yViolations(page), "axe on /invitations/accept with an error").toEqual([]);
});
