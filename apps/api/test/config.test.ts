import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), "trustdesk-config-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const production = {
  NODE_ENV: "production",
  TRUSTDESK_SECRET_KEY: "a-production-secret-key-0123456789abcdef",
  TRUSTDESK_DATA_DIR: scratch,
} as NodeJS.ProcessEnv;

describe("production configuration", () => {
  it("refuses to start without SMTP_URL, saying why", () => {
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/SMTP_URL is required in production/);
  });

  it("starts with SMTP_URL", () => {
    const config = loadConfig({ ...production, SMTP_URL: "smtp://mail.example:587" });
    expect(config.smtpUrl).toBe("smtp://mail.example:587");
    expect(config.production).toBe(true);
  });

  it("development still starts without SMTP (mail goes to the log there)", () => {
    const config = loadConfig({ NODE_ENV: "development", TRUSTDESK_DATA_DIR: join(scratch, "dev") });
    expect(config.smtpUrl).toBeNull();
  });
});

describe("the local secret key file", () => {
  it("is created once when several processes start for the first time at once, and all agree on it", async () => {
    const dataDir = join(scratch, "race");
    const module = new URL("../src/local-secret-key.ts", import.meta.url).pathname;
    // Eight processes, each waiting for the same instant before asking for the key.
    const startAt = Date.now() + 2500;
    const script = `const { localSecretKey } = await import(${JSON.stringify(module)});
while (Date.now() < ${startAt}) {}
process.stdout.write(localSecretKey(${JSON.stringify(dataDir)}));`;
    const keys = await Promise.all(
      Array.from({ length: 8 }, () =>
        run(process.execPath, ["--input-type=module", "-e", script]).then((r) => r.stdout),
      ),
    );
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(dataDir, "secret-key"), "utf8").trim()).toBe(keys[0]);
    // No temporary file is left behind.
    expect(readdirSync(dataDir)).toEqual(["secret-key"]);
  });
});

describe("the dormancy scan's configuration", () => {
  const dev = { NODE_ENV: "development", TRUSTDESK_DATA_DIR: join(scratch, "dev") } as NodeJS.ProcessEnv;

  it("defaults to the documented policy and takes overrides per plan", () => {
    expect(loadConfig(dev).dormancy).toEqual({
      periodDays: { free: 90, essentials: 365, pro: 730, premier: null },
      warningLeadDays: [30, 7, 1],
      minimumNoticeDays: 7,
    });
    const custom = loadConfig({
      ...dev,
      DORMANCY_PERIOD_DAYS: "free=120, pro=never",
      DORMANCY_WARNING_DAYS: "14,3",
      DORMANCY_MINIMUM_NOTICE_DAYS: "3",
    }).dormancy;
    expect(custom).toEqual({
      periodDays: { free: 120, essentials: 365, pro: null, premier: null },
      warningLeadDays: [14, 3],
      minimumNoticeDays: 3,
    });
  });

  it("refuses a bad value, naming the variable and saying what is expected", () => {
    expect(() => loadConfig({ ...dev, DORMANCY_PERIOD_DAYS: "gold=90" })).toThrow(
      /DORMANCY_PERIOD_DAYS: "gold=90" is not plan=days or plan=never/,
    );
    expect(() => loadConfig({ ...dev, DORMANCY_PERIOD_DAYS: "free=20" })).toThrow(
      /DORMANCY_PERIOD_DAYS: A dormancy period is at least 30 days/,
    );
    expect(() => loadConfig({ ...dev, DORMANCY_WARNING_DAYS: "30;7" })).toThrow(
      /DORMANCY_WARNING_DAYS: must be whole numbers/,
    );
    expect(() => loadConfig({ ...dev, DORMANCY_MINIMUM_NOTICE_DAYS: "45" })).toThrow(
      /DORMANCY_MINIMUM_NOTICE_DAYS: The minimum notice \(45 days\) cannot exceed the longest lead time/,
    );
  });
});
