import { expect, type Page, test } from "@playwright/test";
import { newIsolatedPage, shot } from "@trustdesk/playwright-config/support";
import { demoStaff, openAccount, signIn } from "./sign-in.ts";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** People and objects are named, never shown as raw ids: nothing UUID-shaped in the page's text. */
async function expectNoRawIds(page: Page, where: string) {
  const main = page.locator("main");
  await expect(main).toBeVisible();
  // The visible text (what a person reads), not textContent (which includes hidden markup).
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point of this check
  const text = await main.innerText();
  expect(text.match(UUID)?.[0] ?? null, `a raw id on ${where}`).toBeNull();
}

test.describe("a lead", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;

  test.beforeAll(async ({ browser, baseURL }) => {
    page = await newIsolatedPage(browser, baseURL);
    await signIn(page, demoStaff("lead"));
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  test("opens a demo case from the cases list and reads what it gathers", async () => {
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Cases" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "Northwind Traders" });
    await expect(row).toContainText("Account takeover");
    await expect(row).toContainText("Open");
    await shot(page, "cases-list");
    await expectNoRawIds(page, "the cases list");

    await row.getByRole("link", { name: /^TD-\d{4}-\d{6}$/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Case TD-\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Enforcements", exact: true })).toContainText(
      "Account takeover",
    );
    await expect(
      page.getByRole("region", { name: "Tickets", exact: true }).getByRole("link").first(),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "Timeline", exact: true })).toContainText("Case opened");
    await expectNoRawIds(page, "the case page");

    // The account page, the ticket and the approvals: named people and objects only.
    await page.locator("main").getByRole("link", { name: "Northwind Traders" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Northwind Traders" })).toBeVisible();
    await expectNoRawIds(page, "the account page");
  });

  test("assigns the case's ticket and sees it on the case's timeline by name and role", async () => {
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Cases" }).click();
    await page
      .getByRole("row")
      .filter({ hasText: "Northwind Traders" })
      .getByRole("link", { name: /^TD-/ })
      .click();
    const caseNumber = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "")
      .replace("Case ", "")
      .trim();
    await page.getByRole("region", { name: "Tickets", exact: true }).getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoRawIds(page, "the ticket page");

    // Take the ticket (a lead may take it from whoever has it): an audited change by the lead.
    await page.getByRole("button", { name: "Take it" }).click();
    await expect(page.getByRole("button", { name: "Take it" })).toBeHidden();
    // From the ticket's side panel to its case.
    await page
      .getByRole("complementary", { name: "Ticket details" })
      .getByRole("link", { name: caseNumber, exact: true })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: `Case ${caseNumber}` })).toBeVisible();
    const timeline = page.getByRole("region", { name: "Timeline", exact: true });
    const assigned = timeline.getByRole("listitem").filter({ hasText: "Ticket assigned" }).last();
    await expect(assigned).toContainText("by Lee Lead (lead)");
    await expect(assigned).toContainText(/Ticket #\d+/);
    await shot(page, "case-page");
    await expectNoRawIds(page, "the case page after the assignment");

    await nav.getByRole("link", { name: "Approvals" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
    await expectNoRawIds(page, "the approvals page");
  });

  test("filters the audit log by actor, and is told plainly about an impossible date", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await page.getByLabel("Actor").selectOption({ label: "Lee Lead (lead)" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/actor=staff%3A/);
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows.filter({ hasText: "Ticket assigned" }).first()).toBeVisible();
    const who = await page.getByRole("table").locator("tbody tr td:nth-child(3)").allInnerTexts();
    expect(who.length).toBeGreaterThan(0);
    for (const cell of who) expect(cell).toContain("Lee Lead (lead)");
    await shot(page, "audit-log-by-actor");
    await expectNoRawIds(page, "the audit log");

    await page.goto("/agent/audit?from=2026-02-30");
    await expect(page.getByRole("alert").filter({ hasText: "Check the filters" })).toContainText(
      "Enter a date as YYYY-MM-DD",
    );
  });

  test("the exposed-credentials and dormant accounts name keys and tickets, never their ids", async () => {
    for (const name of ["Pixel Forge", "Sleepy Hollow Inn", "Quick Promo Deals"]) {
      await openAccount(page, name);
      await expectNoRawIds(page, `the account page of ${name}`);
    }
    await shot(page, "account-no-raw-ids");
  });
});

test("an agent reads cases but has no audit log", async ({ browser, baseURL }) => {
  const page = await newIsolatedPage(browser, baseURL);
  await signIn(page, demoStaff("agent"));
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Cases" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto("/agent/audit");
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
  await page.context().close();
});
