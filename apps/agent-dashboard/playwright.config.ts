import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against the real thing: the built API (apps/api/dist) serving the built dashboard (at /agent/),
 * on a fresh embedded PostgreSQL with the demo data, driven by Debian's Chromium.
 * Build first: `pnpm turbo run build --filter=@trustdesk/api... --filter=@trustdesk/agent-dashboard`.
 */
const PORT = 3102;
const BASE_URL = `http://127.0.0.1:${PORT}`;

// One fresh data directory per run. Set once in the runner and inherited by its workers, which
// load this file again; e2e/global-teardown.ts stops its PostgreSQL and removes it.
if (!process.env.TRUSTDESK_E2E_DATA_DIR) {
  const dir = mkdtempSync(join(tmpdir(), "trustdesk-dashboard-e2e-"));
  // Run as root, the embedded PostgreSQL drops to its own user, which must be able to enter it.
  chmodSync(dir, 0o711);
  process.env.TRUSTDESK_E2E_DATA_DIR = dir;
}
const dataDir = process.env.TRUSTDESK_E2E_DATA_DIR;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  globalTeardown: "./e2e/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: BASE_URL,
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
  webServer: {
    command: "node ../api/dist/main.js",
    url: `${BASE_URL}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      TRUSTDESK_DATA_DIR: dataDir,
      // A port of its own, so this run never meets a developer's cluster or the portal's run.
      EMBEDDED_PG_PORT: "54402",
      SEED_DEMO: "true",
      // The API refuses SEED_DEMO in production (demo sign-ins would be published), so "test".
      NODE_ENV: "test",
      PUBLIC_URL: BASE_URL,
      TRUSTDESK_SECRET_KEY: "e2e-secret-key-agent-dashboard-0123456789abcdef",
      COOKIE_SECURE: "false",
      LOG_LEVEL: "warn",
    },
  },
});
