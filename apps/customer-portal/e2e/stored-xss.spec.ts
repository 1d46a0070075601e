import { expect, test } from "@playwright/test";
import { shot, watchForScripts, xss } from "@trustdesk/playwright-config/support";
import { linkMailedTo } from "./support/mailbox.ts";
import { staffApi, staffMutate } from "./support/staff-api.ts";

/**
 * Stored XSS, from the customer's side: every free-text field a customer (or an agent writing to them)
 * fills holds a script probe — name, company, ticket subject and message, API key name, the agent's
 * reply — and every page that shows them renders them as text. No probe runs (React escapes text, and
 * the CSP forbids inline script besides), and the text reads back exactly as typed.
 */
test("script probes in every field a customer sees are shown as text and never run", async ({ page }) => {
  const scripts = watchForScripts(page);
  const email = `xss-${Date.now()}@e2e-xss.test`;
  const name = xss(0);
  const company = xss(1);
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
  // Both show in the account menu (closed, so present but hidden).
  await expect(page.getByText(company).first()).toBeAttached();
  await expect(page.getByText(name).first()).toBeAttached();
  await scripts.check();

  // A key named with a probe.
  await page.getByRole("navigation").getByRole("link", { name: "API keys" }).click();
  await page.getByLabel("Key name").fill(xss(2));
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("region", { name: "Your new API key" })).toBeVisible();
  await page.reload();
  await expect(page.getByText(xss(2)).first()).toBeVisible();
  await scripts.check();

  // A ticket whose subject and message are probes.
  await page.goto("/tickets/new");
  await page.getByLabel("What is your ticket about?").selectOption("other");
  await page.getByLabel("Subject").fill(xss(3));
  await page.getByLabel("Message").fill(`${xss(4)}\n${xss(5)}\n${xss(6)}`);
  await page.getByRole("button", { name: "Send ticket" }).click();
  const sent = page.getByText(/Ticket #\d+ was sent/);
  await expect(sent).toBeVisible();
  const number = Number((await sent.textContent())?.match(/#(\d+)/)?.[1]);

  // An agent answers with a probe of their own (through the staff API; the dashboard's test covers its side).
  const origin = new URL(page.url()).origin;
  const agent = await staffApi(origin, "agent");
  const ticket = await agent.get(
    `/trpc/staff.tickets.get?input=${encodeURIComponent(JSON.stringify({ number }))}`,
  );
  const staffView = ((await ticket.json()) as { result: { data: { id: string; version: number } } }).result
    .data;
  const replied = await staffMutate(agent, "staff.tickets.reply", {
    ticketId: staffView.id,
    body: xss(7),
    visibility: "public",
    expectedVersion: staffView.version,
    idempotencyKey: `xss-answer-${number}`,
    attachments: [],
  });
  expect(replied.status, JSON.stringify(replied.body)).toBe(200);
  await agent.dispose();

  await page.goto("/tickets");
  await expect(page.getByRole("link", { name: xss(3) })).toBeVisible();
  await scripts.check();
  await page.getByRole("link", { name: xss(3) }).click();
  await expect(page.getByRole("heading", { level: 1, name: xss(3) })).toBeVisible();
  for (const i of [4, 5, 6, 7]) await expect(page.getByRole("main").getByText(xss(i))).toBeVisible();
  // Text, not markup: no element the probes describe made it into the page.
  expect(await page.locator("main img[src='x'], main svg[onload], main iframe, main script").count()).toBe(0);
  expect(await page.locator("main a[href^='javascript:']").count()).toBe(0);
  await shot(page, "stored-xss-ticket");
  await scripts.check();

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  await scripts.check();
});
