import { expect, type Page, test } from "@playwright/test";
import { newIsolatedPage, seriousA11yViolations, shot } from "@trustdesk/playwright-config/support";
import { demoStaff, signIn } from "./sign-in.ts";

// The lead works the queue here (no other file signs the lead in, so no TOTP step is reused).
test.describe("the queue", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;

  test.beforeAll(async ({ browser, baseURL }) => {
    page = await newIsolatedPage(browser, baseURL);
    await signIn(page, demoStaff("lead"));
  });

  const views = () => page.getByRole("navigation", { name: "Queue views" });
  const rows = () => page.locator("[data-queue-row]");
  const loaded = async () => {
    await expect(page.locator(".td-loading-state")).toHaveCount(0);
  };
  const countOf = async (name: string) => {
    const text = await views()
      .getByRole("button", { name: new RegExp(`^${name}`) })
      .locator(".queue-views__count")
      .textContent();
    return Number((text ?? "").replace(/[^\d]/g, ""));
  };

  test("views show their counts, and each count is the rows of its view", async () => {
    await page.goto("/agent/queue");
    await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
    await loaded();
    await expect(views().getByRole("button", { name: /^Open/ })).toHaveAttribute("aria-current", "page");
    await expect(views().locator(".queue-views__count").first()).not.toHaveText("…");
    // Escalated first: the escalated takeover ticket heads the open view.
    await expect(rows().first()).toContainText("Escalated");
    await expect(rows().first()).toContainText("Someone changed my sender settings");

    for (const view of [
      "Escalated",
      "Breached \\(48 h\\)",
      "Breaching \\(24 h\\)",
      "Waiting for customer",
      "Open",
    ]) {
      await views()
        .getByRole("button", { name: new RegExp(`^${view}`) })
        .click();
      await loaded();
      const n = await countOf(view);
      if (n === 0) await expect(page.getByText(/^No tickets in/)).toBeVisible();
      else await expect(rows()).toHaveCount(n);
    }
    // A ticket waiting on the customer: its clock is paused, and it is never late.
    await views()
      .getByRole("button", { name: /^Waiting for customer/ })
      .click();
    await loaded();
    await expect(rows().first()).toContainText("paused");
    await expect(rows().first()).not.toContainText("Breach");
    await views()
      .getByRole("button", { name: /^Breached/ })
      .click();
    await loaded();
    await expect(rows().first()).toContainText("Breached");
    await shot(page, "queue-breached-view");
    await views().getByRole("button", { name: /^Open/ }).click();
    await loaded();
    await shot(page, "queue-open-view");
    expect(await seriousA11yViolations(page), "axe on the queue").toEqual([]);
  });

  test("filters narrow the view", async () => {
    await page.getByLabel("Category").selectOption({ label: "Exposed credentials" });
    await loaded();
    await expect(page).toHaveURL(/category=exposed_credentials/);
    await expect(rows()).toHaveCount(1);
    await expect(rows().first()).toContainText("Our key leaked in a public repo");
    await page.getByLabel("Status").selectOption({ label: "Waiting for customer" });
    await loaded();
    await expect(page.getByText(/^No tickets in/)).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await loaded();
    await expect(page).not.toHaveURL(/category=/);
    // More than one row again (a retrying assertion: the list re-renders after the filter clears).
    await expect(rows().nth(1)).toBeVisible();
  });

  test("search finds tickets by their words (with highlighted snippets) and by number", async () => {
    await page.getByLabel("Search tickets").fill("reactivate holiday");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await loaded();
    await expect(page.getByText(/found by words in subjects and messages/)).toBeVisible();
    await expect(rows().first()).toContainText("Please reactivate our account for the holiday season");
    await expect(rows().first().locator("mark").first()).toBeVisible();
    await shot(page, "queue-search-words");
    expect(await seriousA11yViolations(page), "axe on search results").toEqual([]);

    await page.getByRole("button", { name: "Clear search" }).click();
    await loaded();
    const number = await rows().nth(1).getAttribute("data-queue-row");
    await page.getByLabel("Search tickets").fill(`#${number}`);
    await page.getByLabel("Search tickets").press("Enter");
    await loaded();
    await expect(page.getByText(/found by ticket number/)).toBeVisible();
    await expect(rows()).toHaveCount(1);
    await expect(rows().first()).toHaveAttribute("data-queue-row", String(number));
    await page.getByRole("button", { name: "Clear search" }).click();
    await loaded();
  });

  test("the keyboard alone works the queue", async () => {
    await page.goto("/agent/queue");
    await loaded();
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    await page.keyboard.press("j");
    await expect(rows().nth(1)).toBeFocused();
    await page.keyboard.press("j");
    await expect(rows().nth(2)).toBeFocused();
    await page.keyboard.press("k");
    await expect(rows().nth(1)).toBeFocused();
    await shot(page, "queue-keyboard-focus");

    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Open the ticket with the reply box ready");
    await shot(page, "queue-shortcuts-dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    // Typing in the search box is typing, not shortcuts.
    await page.keyboard.press("/");
    await expect(page.getByLabel("Search tickets")).toBeFocused();
    await page.keyboard.type("jk");
    await expect(page.getByLabel("Search tickets")).toHaveValue("jk");
    await page.getByLabel("Search tickets").fill("");

    const second = await rows().nth(1).getAttribute("data-queue-row");
    await rows().nth(1).focus();
    await page.keyboard.press("r");
    await expect(page).toHaveURL(new RegExp(`/agent/tickets/${second}\\?reply=1$`));
    await page.goBack();
    await loaded();
    await rows().first().focus();
    const first = await rows().first().getAttribute("data-queue-row");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/agent/tickets/${first}$`));
    await page.goBack();
    await loaded();
    await page.keyboard.press("j");
    await page.keyboard.press("o");
    await expect(page).toHaveURL(/\/agent\/tickets\/\d+$/);
  });
});
