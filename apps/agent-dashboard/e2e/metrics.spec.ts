import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { newIsolatedPage, seriousA11yViolations, shot } from "@trustdesk/playwright-config/support";
import type { RouterOutputs } from "@trustdesk/trpc";
import { demoStaff, signIn } from "./sign-in.ts";

type TeamMetrics = RouterOutputs["staff"]["metrics"]["overview"];

// A security analyst reads the team's numbers (aggregates only; no other file signs this role in).
test.describe("the team's numbers", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;

  test.beforeAll(async ({ browser, baseURL }) => {
    page = await newIsolatedPage(browser, baseURL);
    await signIn(page, demoStaff("security_analyst"));
  });

  /** The same numbers straight from the API, with the page's own session. */
  const fromApi = async (range: { from: string; to: string }): Promise<TeamMetrics> => {
    const res = await page.request.get(
      `/trpc/staff.metrics.overview?input=${encodeURIComponent(JSON.stringify(range))}`,
    );
    expect(res.status()).toBe(200);
    return ((await res.json()) as { result: { data: TeamMetrics } }).result.data;
  };
  const panel = (id: string) => page.locator(`[data-metric="${id}"]`);
  /** The cells after the row header, row by row, as the table shows them. */
  const tableCells = async (p: Locator) => {
    await p.getByText("Show the table").click();
    const rows = p.locator("tbody tr");
    return rows.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent?.trim() ?? "")),
    );
  };
  const count = (n: number) => n.toLocaleString("en-US");
  const hours = (ms: number | null) => (ms === null ? "—" : (ms / 3_600_000).toFixed(1));
  const pct = (share: number | null) => (share === null ? "—" : (share * 100).toFixed(1));

  test("the charts render over the last 30 days, each with a summary", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Metrics" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Team metrics" })).toBeVisible();
    await page.getByRole("button", { name: "Last 30 days" }).click();
    await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole("button", { name: "Last 30 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator(".td-loading-state")).toHaveCount(0);
    for (const name of [
      "Open tickets at the end of each day",
      "Opened and resolved per day",
      "Team time to the first reply, by the day the ticket was opened",
      "Time from opening to resolution, by the day resolved",
      "Restrictions opened per day",
      "Restrictions lifted per day",
      "Median and p90 time from restriction to lift, per reason",
      "Dormant accounts per day",
      "The policy's decisions per day",
      "Agents' decisions on the policy's reviews and rejections",
    ]) {
      await expect(page.getByRole("img", { name })).toBeVisible();
    }
    // The history is drawn: bars in the backlog, points on the first-response lines.
    await expect(panel("backlog").locator(".td-series-chart__bar").first()).toBeVisible();
    expect(await panel("first-response").locator(".td-series-chart__point").count()).toBeGreaterThan(10);
    await shot(page, "metrics-overview");
    expect(await seriousA11yViolations(page), "axe on the metrics page").toEqual([]);
  });

  test("each chart's table holds the numbers the API computes", async () => {
    const url = new URL(page.url());
    const range = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
    const m = await fromApi(range);
    expect(m.tickets.backlog).toHaveLength(30);

    expect(await tableCells(panel("backlog"))).toEqual(
      m.tickets.backlog.map((d) => [...Object.values(d.byCategory).map(count), count(d.total)]),
    );
    expect(await tableCells(panel("opened-resolved"))).toEqual(
      m.tickets.flow.map((d) => [count(d.opened), count(d.resolved)]),
    );
    expect(await tableCells(panel("first-response"))).toEqual(
      m.tickets.firstResponse.days.map((d) => [
        count(d.opened),
        count(d.answered),
        count(d.waiting),
        hours(d.medianMs),
        hours(d.p90Ms),
        count(d.over24h),
        pct(d.share24h),
        count(d.over48h),
        pct(d.share48h),
      ]),
    );
    expect(await tableCells(panel("restrictions-lifted"))).toEqual(
      m.enforcements.perDay.map((d) => Object.values(d.lifted).map(count)),
    );
    expect(await tableCells(panel("vetting"))).toEqual(
      m.vetting.days.map((d) => [count(d.approve), count(d.review), count(d.reject)]),
    );
    // The headline agrees too.
    await expect(
      page.getByText(
        `of ${m.vetting.reviews.decisions + m.vetting.rejections.decisions} sent to review or rejected`,
      ),
    ).toBeVisible();
    await panel("first-response").scrollIntoViewIfNeeded();
    await shot(page, "metrics-tables-open");
  });

  test("a chart's CSV holds the same numbers", async () => {
    const url = new URL(page.url());
    const range = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
    const m = await fromApi(range);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel("opened-resolved").getByRole("button", { name: /^CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`opened-resolved-${range.from}-to-${range.to}.csv`);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    expect(csv.trim().split("\r\n")).toEqual([
      "Day (UTC),Opened,Resolved",
      ...m.tickets.flow.map((d) => `${d.day},${d.opened},${d.resolved}`),
    ]);
  });

  test("the range is checked before asking, and a wider one is drawn", async () => {
    await page.getByLabel("From", { exact: true }).fill("2026-03-10");
    await page.getByLabel("To", { exact: true }).fill("2026-03-01");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(page.getByText("The end date must not be before the start date")).toBeVisible();
    await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");

    await page.getByRole("button", { name: "Last 90 days" }).click();
    await expect(page.getByRole("button", { name: "Last 90 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator(".metrics[data-stale]")).toHaveCount(0);
    const url = new URL(page.url());
    const m = await fromApi({
      from: url.searchParams.get("from") ?? "",
      to: url.searchParams.get("to") ?? "",
    });
    expect(await tableCells(panel("time-to-lift"))).toEqual(
      [...m.enforcements.byReason, m.enforcements.allReasons].map((r) => [
        count(r.lifts),
        hours(r.medianMs),
        hours(r.p90Ms),
        count(r.opened),
        count(r.liftedOfOpened),
        pct(r.reactivationRate),
      ]),
    );
    await shot(page, "metrics-90-days");
  });

  test("the recently restricted accounts sit beside account search, by name and reason", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    const list = page.getByRole("region", { name: "Recently restricted" });
    await expect(list.getByRole("link", { name: "Northwind Traders" })).toBeVisible();
    await expect(list.locator("tbody tr")).toHaveCount(4);
    await shot(page, "accounts-recently-restricted");
    await list.getByLabel("Reason").selectOption({ label: "Dormant account" });
    await expect(list.locator("tbody tr")).toHaveCount(1);
    await list.getByRole("link", { name: "Sleepy Hollow Inn" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sleepy Hollow Inn" })).toBeVisible();
  });
});
