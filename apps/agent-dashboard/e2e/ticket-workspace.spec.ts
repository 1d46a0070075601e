import { expect, type Page, test } from "@playwright/test";
import {
  newIsolatedPage,
  seriousA11yViolations,
  shot,
  waitForMail,
} from "@trustdesk/playwright-config/support";
import { demoStaff, signIn } from "./sign-in.ts";

/** Waits for the page's data (no spinner left), then runs axe. */
async function expectNoSeriousViolations(page: Page, what: string) {
  await expect(page.locator(".td-loading-state")).toHaveCount(0);
  expect(await seriousA11yViolations(page), `axe on ${what}`).toEqual([]);
}

/** From the queue, open the ticket with this subject; answers the workspace's path. */
async function openFromQueue(page: Page, subject: string): Promise<string> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page).toHaveURL(/\/agent\/tickets\/\d+$/);
  await expect(page.getByText("Loading the account…")).toHaveCount(0);
  return new URL(page.url()).pathname;
}

test("an agent notes, replies with a macro and waits on the customer; a colleague on the old version gets a conflict", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const subject = "How do I add a second sending domain?";
  const agent = await newIsolatedPage(browser, baseURL);
  await signIn(agent, demoStaff("agent"));
  const path = await openFromQueue(agent, subject);

  // The colleague opens the same ticket now: their view is the version before the agent's changes.
  const lead = await newIsolatedPage(browser, baseURL);
  await signIn(lead, demoStaff("lead"));
  await lead.goto(path);
  await expect(lead.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(lead.getByText("Loading the account…")).toHaveCount(0);

  // The conversation, the side panel and the trust picture of the account beside it.
  const conversation = agent.getByRole("region", { name: "Conversation" });
  await expect(
    conversation.getByRole("article", { name: /^Customer message by Blythe Bloom/ }),
  ).toBeVisible();
  const details = agent.getByRole("complementary", { name: "Ticket details" });
  await expect(details.getByText("Unassigned")).toBeVisible();
  await expect(details).toContainText("Over 24 h without a first reply");
  await expect(
    agent.getByRole("heading", { level: 2, name: "Trust picture of Bloom Florists" }),
  ).toBeVisible();
  await expect(agent.getByRole("region", { name: "Tickets of this account", exact: true })).toContainText(
    "This ticket",
  );
  await expectNoSeriousViolations(agent, "the ticket workspace");
  await shot(agent, "ticket-workspace");

  await details.getByRole("button", { name: "Take it" }).click();
  await expect(details.getByText("Alex Agent (you)")).toBeVisible();

  // An internal note, sent with the keyboard: amber, labelled, never for the customer.
  const composer = agent.getByRole("form", { name: /Reply to the customer|Add an internal note/ });
  await composer.getByRole("radio", { name: /Internal note/ }).check();
  await expect(composer.getByLabel("Status after the note")).toHaveValue("");
  const note = "Checked the DNS: the second domain has no DKIM record yet.";
  await composer.getByLabel("Internal note (agents only)").fill(note);
  await composer.getByLabel("Internal note (agents only)").press("Control+Enter");
  const noteArticle = conversation.getByRole("article", { name: /^Internal note by Alex Agent/ });
  await expect(noteArticle).toContainText(note);
  await expect(noteArticle).toContainText("not visible to the customer");

  // A public reply from a macro, edited before sending; the status waits on the customer by default.
  await composer.getByRole("radio", { name: /Public reply/ }).check();
  await expect(composer.getByLabel("Status after the reply")).toHaveValue("pending_customer");
  await composer.getByLabel("Macro").selectOption({ label: "Anything else?" });
  await composer.getByRole("button", { name: "Insert macro" }).click();
  const body = composer.getByLabel("Reply to the customer");
  await expect(body).toHaveValue(/^Hello Blythe Bloom,/);
  await expect(body).toHaveValue(/Bloom Florists/);
  await expect(body).toBeFocused();
  // The agent edits the macro before sending: the answer goes between the greeting and the rest.
  const macroText = await body.inputValue();
  await body.fill(
    macroText.replace(
      "Did this solve",
      "Add the domain under Settings → Sender authentication, then publish its DKIM record.\n\nDid this solve",
    ),
  );
  await shot(agent, "ticket-composer-macro");
  await composer.getByRole("button", { name: "Send reply" }).click();
  const reply = conversation.getByRole("article", { name: /^Public reply by Alex Agent/ });
  await expect(reply).toContainText("publish its DKIM record");
  await expect(agent.locator(".ticket-header__facts")).toContainText("Waiting for customer");
  await expect(details.getByText("Answered")).toBeVisible();
  await expect(body).toHaveValue("");
  await conversation.screenshot({ path: "test-results/screens/ticket-conversation.png" });

  // The customer is mailed the reply, never the note.
  const mail = await waitForMail(baseURL as string, "owner@bloom.test", (m) =>
    m.text.includes("publish its DKIM record"),
  );
  expect(mail.subject).toContain(subject);
  expect(mail.text).not.toContain("no DKIM record yet");
  await expectNoSeriousViolations(agent, "the ticket after a reply");
  await shot(agent, "ticket-workspace-answered");

  // The colleague, still on the old version, writes and sends: refused with who changed what, draft kept.
  const leadComposer = lead.getByRole("form", { name: "Reply to the customer" });
  const draft = "Hi Blythe, you can add it under Settings.";
  await leadComposer.getByLabel("Reply to the customer").fill(draft);
  await leadComposer.getByRole("button", { name: "Send reply" }).click();
  const conflict = lead.getByRole("alert").filter({ hasText: "Someone else changed this ticket" });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText(/Alex Agent (replied|changed|added)/);
  await expect(leadComposer.getByLabel("Reply to the customer")).toHaveValue(draft);
  await expectNoSeriousViolations(lead, "the conflict");
  await shot(lead, "ticket-conflict");

  await conflict.getByRole("button", { name: "Reload the ticket" }).click();
  await expect(conflict).toBeHidden();
  await expect(
    lead
      .getByRole("region", { name: "Conversation" })
      .getByRole("article", { name: /^Public reply by Alex Agent/ }),
  ).toBeVisible();
  await expect(leadComposer.getByLabel("Reply to the customer")).toHaveValue(draft);

  await agent.context().close();
  await lead.context().close();
});

test("lifting an enforcement from the ticket offers the matching macro and solves the ticket", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const subject = "Please reactivate our account for the holiday season";
  const page = await newIsolatedPage(browser, baseURL);
  await signIn(page, demoStaff("admin"));
  const path = await openFromQueue(page, subject);
  const number = path.split("/").at(-1) as string;

  // The merge dialog looks the other ticket up first, and says why this one cannot take it.
  await page.getByRole("button", { name: "Merge into…" }).click();
  const merge = page.getByRole("dialog", { name: `Merge #${number} into another ticket` });
  await merge.getByLabel("Ticket number to merge into").fill(number);
  await merge.getByRole("button", { name: "Find ticket" }).click();
  await expect(merge.getByText("That is this ticket")).toBeVisible();
  await expect(merge.getByRole("button", { name: `Merge #${number} into #${number}` })).toBeDisabled();
  await expectNoSeriousViolations(page, "the merge dialog");
  await shot(page, "ticket-merge-dialog");
  await page.keyboard.press("Escape");
  await expect(merge).toBeHidden();

  // The dormant account's form, as fields.
  const form = page.getByRole("region", { name: "What the customer entered in the form" });
  await expect(form.getByRole("term").filter({ hasText: "Intended use" })).toBeVisible();
  await expect(form).toContainText("Booking confirmations");
  await expect(form).toContainText("2,000 emails");
  await expect(form).toContainText("sleepyhollow.test");

  const enforcement = page.getByRole("region", { name: "Dormant account", exact: true });
  await enforcement.getByRole("button", { name: "Review and reactivate" }).click();
  const dialog = page.getByRole("dialog", { name: "Review the reactivation request" });
  await dialog.getByLabel("Reactivate the account").check();
  await dialog.getByRole("button", { name: "Complete review" }).click();
  await expect(dialog).toBeHidden();

  const notice = page.getByRole("status").filter({ hasText: "Enforcement lifted" });
  await expect(notice).toBeVisible();
  await shot(page, "ticket-lift-offer");
  await page.getByRole("button", { name: "Reply with the matching macro and solve the ticket" }).click();
  const composer = page.getByRole("form", { name: "Reply to the customer" });
  await expect(composer.getByLabel("Reply to the customer")).toHaveValue(/reactivated Sleepy Hollow Inn/);
  await expect(composer.getByLabel("Status after the reply")).toHaveValue("solved");
  await composer.getByRole("button", { name: "Send reply" }).click();
  await expect(page.locator(".ticket-header__facts")).toContainText("Solved");
  await expectNoSeriousViolations(page, "the solved ticket");
  await shot(page, "ticket-solved-after-lift");
  await page.context().close();
});
