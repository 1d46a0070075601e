import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AccountPlan,
  DEFAULT_DORMANCY_POLICY,
  DEFAULT_SOLVED_TICKET_CLOSE_DAYS,
  DormancyPolicy,
} from "@trustdesk/domain";
import { assertDnsServers } from "@trustdesk/services";
import { z } from "zod";
import { localSecretKey } from "./local-secret-key.ts";

/** The repository root, found from this file (src/ or dist/ of apps/api). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every environment variable the product reads, validated once at start-up (see README). */
/** Where the code host publishes the keys that sign its secret-scanning partner reports. */
export const DEFAULT_SECRET_SCANNING_KEYS_URL = "https://api.github.com/meta/public_keys/secret_scanning";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  TRUSTDESK_DATA_DIR: z.string().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  TRUSTDESK_SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: bool.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().default("Trustdesk <no-reply@trustdesk.test>"),
  HOTLINE_NUMBER: z.string().default("+1 (800) 555-0199"),
  EXPOSURE_SCAN_SOURCES: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => !list.includes("-"), "stdin (-) cannot be a configured source"),
  SOLVED_TICKET_CLOSE_DAYS: z.coerce.number().int().min(1).max(90).default(DEFAULT_SOLVED_TICKET_CLOSE_DAYS),
  SEED_DEMO: bool.optional(),
  TRUSTDESK_EXIT_WITH_PARENT: bool.default(false),
  VETTING_ENABLED: bool.default(true),
  DNS_SERVERS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean)
        : [],
    ),
  DNS_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(2000),
  SECRET_SCANNING_KEYS_URL: z.url().default(DEFAULT_SECRET_SCANNING_KEYS_URL),
  SECRET_SCANNING_KEYS_FILE: z.string().optional(),
  WORKER: z.enum(["embedded", "off"]).default("embedded"),
  DEV_INBOX: bool.default(true),
  DEV_INBOX_PORT: z.coerce.number().int().min(0).max(65535).default(1080),
  DEV_INBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
  DORMANCY_PERIOD_DAYS: dormancyPeriods(),
  DORMANCY_WARNING_DAYS: z
    .string()
    .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, "must be whole numbers of days separated by commas, e.g. 30,7,1")
    .transform((v) => v.split(",").map((d) => Number(d.trim())))
    .optional(),
  DORMANCY_MINIMUM_NOTICE_DAYS: z.coerce.number().int().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORTAL_DIST: z.string().optional(),
  DASHBOARD_DIST: z.string().optional(),
});

/**
 * `free=90,essentials=365,pro=730,premier=never`: the plans named override the defaults
 * (`DEFAULT_DORMANCY_POLICY`), `never` exempts a plan.
 */
function dormancyPeriods() {
  const plans = AccountPlan.options.join(", ");
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const periods: Partial<Record<AccountPlan, number | null>> = {};
      for (const part of (v ?? "")
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)) {
        const m = /^([a-z]+)=(\d+|never)$/.exec(part);
        const plan = AccountPlan.safeParse(m?.[1]);
        if (!m || !plan.success) {
          ctx.addIssue({
            code: "custom",
            message: `"${part}" is not plan=days or plan=never (plans: ${plans}), e.g. free=90,premier=never`,
          });
          return z.NEVER;
        }
        periods[plan.data] = m[2] === "never" ? null : Number(m[2]);
      }
      return periods;
    });
}

/**
 * The names of every variable above. `turbo.json` lets each of them through to the API's `dev` task
 * (Turborepo's strict environment mode would drop them otherwise); a test keeps the two in step.
 */
export const CONFIG_ENV_VARS: readonly string[] = EnvSchema.keyof().options;

export type AppConfig = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new ConfigError(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const dataDir = resolve(e.TRUSTDESK_DATA_DIR ?? join(REPO_ROOT, ".data"));
  if (production && !e.TRUSTDESK_SECRET_KEY) {
    throw new ConfigError("TRUSTDESK_SECRET_KEY is required in production (32+ random characters).");
  }
  if (production && !e.SMTP_URL) {
    // Without SMTP, mail would go to the log — reset and sign-up links included — and nobody would
    // receive the lockout, takeover and reset mails the product depends on.
    throw new ConfigError(
      "SMTP_URL is required in production (smtp://user:pass@host:port): without it no mail is delivered, and mail must never be written to the log there.",
    );
  }
  if (production && e.SEED_DEMO) {
    throw new ConfigError("SEED_DEMO cannot be used in production: demo sign-ins would be published.");
  }
  try {
    assertDnsServers(e.DNS_SERVERS);
  } catch (error) {
    throw new ConfigError(`DNS_SERVERS: ${(error as Error).message}`);
  }
  const dormancy = DormancyPolicy.safeParse({
    periodDays: { ...DEFAULT_DORMANCY_POLICY.periodDays, ...e.DORMANCY_PERIOD_DAYS },
    warningLeadDays: e.DORMANCY_WARNING_DAYS ?? DEFAULT_DORMANCY_POLICY.warningLeadDays,
    minimumNoticeDays: e.DORMANCY_MINIMUM_NOTICE_DAYS ?? DEFAULT_DORMANCY_POLICY.minimumNoticeDays,
  });
  if (!dormancy.success) {
    const variable: Record<string, string> = {
      periodDays: "DORMANCY_PERIOD_DAYS",
      warningLeadDays: "DORMANCY_WARNING_DAYS",
      minimumNoticeDays: "DORMANCY_MINIMUM_NOTICE_DAYS",
    };
    const lines = dormancy.error.issues
      .map((i) => `  ${variable[String(i.path[0])] ?? "DORMANCY"}: ${i.message}`)
      .join("\n");
    throw new ConfigError(`Invalid configuration:\n${lines}`);
  }
  return {
    env: e.NODE_ENV,
    production,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    secretKey: e.TRUSTDESK_SECRET_KEY ?? localSecretKey(dataDir),
    cookieSecure: e.COOKIE_SECURE ?? production,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL ?? null,
    // The API process runs the background jobs itself unless told that separate workers do
    // (`pnpm trustdesk worker`): one command still starts everything.
    worker: e.WORKER,
    // Outside production, with no SMTP_URL, mail goes to a local inbox with a web page (loopback).
    devInbox: {
      enabled: !production && !e.SMTP_URL && e.DEV_INBOX,
      webPort: e.DEV_INBOX_PORT,
      smtpPort: e.DEV_INBOX_SMTP_PORT,
      dir: join(dataDir, "dev-inbox"),
    },
    mailFrom: e.MAIL_FROM,
    hotlineNumber: e.HOTLINE_NUMBER,
    solvedTicketCloseDays: e.SOLVED_TICKET_CLOSE_DAYS,
    exposureScanSources: e.EXPOSURE_SCAN_SOURCES,
    // Demo data goes into the embedded database by default, never into a server you point us at
    // unless asked, and never in production.
    seedDemo: e.SEED_DEMO ?? (!production && !e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    vettingEnabled: e.VETTING_ENABLED,
    exitWithParent: e.TRUSTDESK_EXIT_WITH_PARENT,
    dns: { servers: e.DNS_SERVERS, timeoutMs: e.DNS_TIMEOUT_MS },
    secretScanning: { url: e.SECRET_SCANNING_KEYS_URL, file: e.SECRET_SCANNING_KEYS_FILE ?? null },
    dormancy: dormancy.data,
    portalDist: resolve(e.PORTAL_DIST ?? join(REPO_ROOT, "apps/customer-portal/dist")),
    dashboardDist: resolve(e.DASHBOARD_DIST ?? join(REPO_ROOT, "apps/agent-dashboard/dist")),
  };
}
