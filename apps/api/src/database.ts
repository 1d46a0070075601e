import { join } from "node:path";
import { createDb, type Db, migrateToLatest } from "@trustdesk/db";
import { ensureEmbeddedPostgres } from "@trustdesk/db/embedded";
import type { AppConfig } from "./config.ts";
import type { Logger } from "./logger.ts";

/**
 * One engine: the server named by DATABASE_URL, or else the checkout's embedded PostgreSQL, shared
 * by every process of the checkout (API, workers, CLI) and started by whichever needs it first.
 */
export async function openDatabase(
  config: AppConfig,
  log: Logger,
  applicationName: string,
): Promise<{ db: Db; connectionString: string; embedded: boolean; startedEmbedded: boolean }> {
  let connectionString = config.databaseUrl;
  let startedEmbedded = false;
  if (!connectionString) {
    const cluster = await ensureEmbeddedPostgres({
      dataDir: join(config.dataDir, "postgres"),
      port: config.embeddedPgPort,
      log: (line: string) => log.info({ component: "embedded-postgres" }, line),
    });
    connectionString = cluster.connectionString;
    startedEmbedded = cluster.startedByUs;
    log.info({ startedByUs: cluster.startedByUs }, "using the embedded PostgreSQL");
  }
  const db = createDb({ connectionString: connectionString as string, applicationName });
  // The job queue (pg-boss) opens its own small pool on the same database.
  return { db, connectionString: connectionString as string, embedded: !config.databaseUrl, startedEmbedded };
}

export async function migrate(db: Db, log: Logger): Promise<void> {
  const result = await migrateToLatest(db);
  const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
  log.info({ applied }, applied.length ? "migrations applied" : "schema up to date");
}
