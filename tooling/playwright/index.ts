import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import { e2ePorts, inboxUrl } from "./free-ports.ts";
import { API_DIST } from "./paths.ts";

export interface TrustdeskE2eOptions {
  /** The app's package directory name, e.g. "customer-portal"; names its data directory and secret. */
  app: string;
}

/**
 * End-to-end tests against the real thing: the built API (apps/api/dist) serving the built SPAs, on
 * a fresh embedded PostgreSQL with the demo data, driven by Debian's Chromium (`CHROMIUM_PATH`).
 * Paths (`e2e/`, `test-results/`, `playwright-report/`) are relative to the app's config file.
 */
export function defineTrustdeskE2eConfig(options: TrustdeskE2eOptions): PlaywrightTestConfig {
  // Free ports for the API, its own PostgreSQL and the test inbox, so runs of the two apps, other
  // checkouts and a developer's cluster never meet (free-ports.ts).
  const { app } = options;
  const ports = e2ePorts();
  const baseURL = `http://127.0.0.1:${ports.api}`;

  // One fresh data directory per run. Set once in the runner and inherited by its workers, which
  // load the config again; the global teardown stops its PostgreSQL and removes it.
  if (!process.env.TRUSTDESK_E2E_DATA_DIR) {
    const dir = mkdtempSync(join(tmpdir(), `trustdesk-${app}-e2e-`));
    // Run as root, the embedded PostgreSQL drops to its own user, which must be able to enter it.
    chmodSync(dir, 0o711);
    process.env.TRUSTDESK_E2E_DATA_DIR = dir;
  }
  const dataDir = process.env.TRUSTDESK_E2E_DATA_DIR;

  return defineConfig({
    testDir: "./e2e",
    outputDir: "./test-results",
    globalTeardown: join(import.meta.dirname, "global-teardown.ts"),
    fullyParallel: false,
    workers: 1,
    forbidOnly: Boolean(process.env.CI),
    retries: 0,
    // Generous bounds: two suites and the unit tests share two cores in CI, and axe scans are heavy.
    timeout: 180_000,
    expect: { timeout: 20_000 },
    reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
    use: {
      baseURL,
      screenshot: "on",
      trace: "retain-on-failure",
      browserName: "chromium",
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      },
    },
    webServer: [
      {
        // The test inbox: the API delivers its mail here over real SMTP (see test-inbox.ts).
        command: `exec node ${JSON.stringify(join(import.meta.dirname, "test-inbox.ts"))}`,
        url: `${inboxUrl()}/healthz`,
        timeout: 30_000,
        reuseExistingServer: false,
        env: { INBOX_SMTP_PORT: String(ports.smtp), INBOX_HTTP_PORT: String(ports.inbox) },
      },
      {
        // exec: the API is the runner's own child, so it sees the runner go (TRUSTDESK_EXIT_WITH_PARENT).
        command: `exec node ${JSON.stringify(join(API_DIST, "main.js"))}`,
        url: `${baseURL}/readyz`,
        timeout: 120_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        env: {
          PORT: String(ports.api),
          HOST: "127.0.0.1",
          TRUSTDESK_DATA_DIR: dataDir,
          EMBEDDED_PG_PORT: String(ports.pg),
          SEED_DEMO: "true",
          // The API refuses SEED_DEMO in production (demo sign-ins would be published), so "test".
          NODE_ENV: "test",
          PUBLIC_URL: baseURL,
          TRUSTDESK_SECRET_KEY: `e2e-secret-key-${app}-0123456789abcdef`,
          COOKIE_SECURE: "false",
          LOG_LEVEL: "warn",
          SMTP_URL: `smtp://127.0.0.1:${ports.smtp}?ignoreTLS=true`,
          // If the runner is killed (e.g. Turbo aborting a failed run), don't leave the server behind.
          TRUSTDESK_EXIT_WITH_PARENT: "true",
        },
      },
    ],
  });
}
