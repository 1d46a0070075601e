import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { inboxUrl, seriousA11yViolations, shot, waitForMail } from "@trustdesk/playwright-config/support";
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from "../../../packages/services/src/demo/demo-identities.ts";
import { staffApi, staffMutate } from "./support/staff-api.ts";

/**
 * The conversation on a ticket, from the customer's side: a reply with a file, a file that lies about
 * its type refused, an agent's answer (posted through the staff API) on the page and in the inbox, an
 * internal note nowhere, "mark as solved", and a reply that reopens the solved ticket.
 */
const customer = DEMO_CUSTOMERS.find(
  (c) => c.email === "owner@bloom.test",
) as (typeof DEMO_CUSTOMERS)[number];

// A 1×1 PNG, and a PDF: what their bytes say is what they are.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const NOTE = "Internal: Bloom's bounce rate looks fine, nothing to escalate";

async function staffTicket(api: APIRequestContext, number: number) {
  const res = await api.get(
    `/trpc/staff.tickets.get?input=${encodeURIComponent(JSON.stringify({ number }))}`,
  );
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { version: number } } }).result.data;
}

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(customer.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}

async function screens(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, `${name}-1280`);
}

test("a customer and an agent talk on a ticket: files, an answer by mail, a note that stays inside, solved and reopened", async ({
  page,
}) => {
  await signIn(page);
  const origin = new URL(page.url()).origin;

  // Open a ticket.
  await page.goto("/tickets/new");
  await page.getByLabel("What is your ticket about?").selectOption("other");
  await page.getByLabel("Subject").fill("Bounces from one provider");
  await page.getByLabel("Message").fill("Since Monday one mailbox provider bounces our order confirmations.");
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page.getByText(/Ticket #\d+ was sent/)).toBeVisible();
  const number = Number((await page.getByText(/Ticket #\d+ was sent/).textContent())?.match(/#(\d+)/)?.[1]);
  await page.getByRole("link", { name: "Bounces from one provider" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bounces from one provider" })).toBeVisible();
  await expect(page.getByText(/within 24–48 hours of when you wrote/)).toBeVisible();

  // A file whose name lies about its content is refused, with what to do.
  const reply = page.getByRole("form", { name: "Reply on the ticket" });
  await reply.getByLabel("Your message").fill("The bounce screenshot.");
  await reply
    .getByLabel(/Attach files/)
    .setInputFiles({ name: "bounce.png", mimeType: "image/png", buffer: PDF });
  await reply.getByRole("button", { name: "Send reply" }).click();
  await expect(reply.getByRole("alert")).toContainText('"bounce.png" is named .png but its content is a PDF');

  // The real screenshot goes through and can be downloaded.
  await reply.getByRole("button", { name: "Remove bounce.png" }).click();
  await reply
    .getByLabel(/Attach files/)
    .setInputFiles({ name: "bounce.png", mimeType: "image/png", buffer: PNG });
  await reply.getByRole("button", { name: "Send reply" }).click();
  await expect(reply.getByText("Reply sent")).toBeVisible();
  const link = page.getByRole("link", { name: "bounce.png" });
  await expect(link).toBeVisible();
  const download = await page.request.get((await link.getAttribute("href")) as string);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("image/png");
  expect(download.headers()["content-disposition"]).toContain("attachment;");
  expect(Buffer.from(await download.body()).equals(PNG)).toBe(true);

  // The agent writes an internal note, then answers (through the staff API).
  const agent = await staffApi(origin, "agent");
  let version = (await staffTicket(agent, number)).version;
  const note = await staffMutate(agent, "staff.tickets.reply", {
    ticketId: page.url().split("/").at(-1),
    body: NOTE,
    visibility: "internal",
    expectedVersion: version,
    idempotencyKey: `e2e-note-${Date.now()}`,
  });
  expect(note.status, JSON.stringify(note.body)).toBe(200);
  version = (await staffTicket(agent, number)).version;
  const answer = await staffMutate(agent, "staff.tickets.reply", {
    ticketId: page.url().split("/").at(-1),
    body: "Thanks — that provider throttled you after a spike. Please send at a steadier rate and tell us how it goes.",
    visibility: "public",
    status: "pending_customer",
    expectedVersion: version,
    idempotencyKey: `e2e-answer-${Date.now()}`,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);

  // The customer reads it on the page and in the inbox; the note is in neither.
  await page.reload();
  await expect(page.getByText("that provider throttled you")).toBeVisible();
  await expect(page.getByText("Alex, Consumer Trust team")).toBeVisible();
  await expect(page.getByText(NOTE)).toHaveCount(0);
  await expect(page.getByText("Waiting for your reply").first()).toBeVisible();
  const mail = await waitForMail(origin, customer.email, (m) => m.subject.includes(`[#${number}]`));
  expect(mail.text).toContain("that provider throttled you");
  expect(mail.text).toContain(`/tickets/`);
  const inbox = (await (
    await fetch(`${inboxUrl()}/messages?to=${encodeURIComponent(customer.email)}`)
  ).json()) as Array<{
    text: string;
    subject: string;
  }>;
  expect(inbox.some((m) => m.text.includes(NOTE) || m.subject.includes(NOTE))).toBe(false);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screens(page, "ticket-conversation");

  // Mark as solved, through the confirmation.
  await page.getByRole("button", { name: "Mark as solved" }).click();
  const dialog = page.getByRole("dialog", { name: `Mark ticket #${number} as solved?` });
  await dialog.getByRole("button", { name: "Mark as solved" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("This ticket is solved.")).toBeVisible();
  await screens(page, "ticket-solved");

  // A reply reopens it.
  await reply.getByLabel("Your message").fill("It started again this morning, sorry.");
  await reply.getByRole("button", { name: "Send and reopen" }).click();
  await expect(page.getByText("It started again this morning, sorry.")).toBeVisible();
  await expect(page.getByText("This ticket is solved.")).toHaveCount(0);
  const detail = await staffTicket(agent, number);
  expect((detail as unknown as { status: string }).status).toBe("open");

  // The list says where each ticket stands, at both widths; so does the API keys page.
  await page.goto("/tickets");
  await expect(page.getByRole("link", { name: "Bounces from one provider" })).toBeVisible();
  await screens(page, "tickets-list");
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await screens(page, "api-keys");
});

test("the checklist's confirmation is a button on the ticket, and the overview then shows it done", async ({
  page,
}) => {
  const pixel = DEMO_CUSTOMERS.find(
    (c) => c.scenario === "exposed_credentials",
  ) as (typeof DEMO_CUSTOMERS)[number];
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(pixel.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const item = page.getByRole("listitem").filter({ hasText: "Confirm on your ticket" });
  await expect(item).toContainText("To do");

  // A second ticket about the same restriction: the open one is offered.
  await page.goto("/tickets/new?category=exposed_credentials");
  await expect(page.getByText(/You already have an open ticket about this/)).toBeVisible();
  await page.getByRole("link", { name: "“Our key leaked in a public repo”" }).click();

  await page.getByRole("button", { name: "Confirm the clean-up" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm the clean-up?" });
  await dialog.getByRole("button", { name: "Yes, I confirm" }).click();
  await expect(page.getByText(/Confirmed on/)).toBeVisible();
  await expect(page.getByText("I revoked the exposed key, created a replacement").first()).toBeVisible();
  await screens(page, "ticket-confirmed");

  await page.goto("/");
  await expect(item).toContainText("Done");
  await screens(page, "overview-exposed");
});
