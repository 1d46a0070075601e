import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { inboxUrl } from "./free-ports.ts";

/** A full-page screenshot kept with the run's artifacts (test-results/screens/). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe (WCAG 2.x A/AA rules) and returns the serious and critical violations only. */
export async function seriousA11yViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}

/** axe needs a page from a context of its own (browser.newPage() pages are refused). */
export async function newIsolatedPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  return context.newPage();
}

export interface InboxMessage {
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

/**
 * The mails the API delivered to an address over SMTP (the test inbox beside the API): polls until
 * one matches, then returns it. The first argument (the API's base URL) is kept for the call sites;
 * the inbox is the run's own (free-ports.ts).
 */
export async function waitForMail(
  _baseURL: string,
  to: string,
  match: (m: InboxMessage) => boolean,
  timeoutMs = 30_000,
): Promise<InboxMessage> {
  const inbox = inboxUrl();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${inbox}/messages?to=${encodeURIComponent(to)}`);
    const found = ((await res.json()) as InboxMessage[]).filter(match);
    const last = found.at(-1);
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no matching mail reached ${to} within ${timeoutMs} ms`);
}

export { inboxUrl } from "./free-ports.ts";

/**
 * Stored-XSS probes for free-text fields: each would set `window.__xss` or open a dialog if it ever
 * ran. They are also valid text (no control characters), so the forms accept and store them.
 */
export const XSS_PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=2</script>`,
  `"><svg onload="window.__xss=3">`,
  `javascript:window.__xss=4`,
  `<a href="javascript:window.__xss=5">click</a>`,
  `{{constructor.constructor('window.__xss=6')()}}`,
  `<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>`,
] as const;

/** One probe per field, cycling through the list: `xss(0)`, `xss(1)`… */
export function xss(i: number): string {
  return `XSS probe ${i}: ${XSS_PAYLOADS[i % XSS_PAYLOADS.length]}`;
}

/**
 * Watches a page for any sign that a probe ran: a dialog, or `window.__xss` set. Call `check()` on
 * each page after it has rendered the stored text.
 */
export function watchForScripts(page: Page): { check: () => Promise<void> } {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return {
    check: async () => {
      const flag = await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss ?? null);
      if (flag !== null || dialogs.length > 0) {
        throw new Error(
          `a stored probe ran on ${page.url()}: __xss=${String(flag)}, dialogs=${dialogs.join(" | ")}`,
        );
      }
    },
  };
}
