/**
 * Vitest global setup: one PostgreSQL server per test run, with a migrated template database
 * that every test file copies (see create-test-database.ts).
 *
 * - No DATABASE_URL: a throwaway embedded cluster in a temp dir (tmpfs when there is one), on a
 *   random free port, without fsync. Teardown always stops it and removes the dir; a run that was
 *   SIGKILLed before teardown is cleaned up by the next run (the owner pid file says whose it is).
 * - DATABASE_URL set (PostgreSQL 15+): that server, with a uniquely named template; teardown drops
 *   the template and every per-file database of this run.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb } from "../create-db.ts";
import { migrateToLatest } from "../migrate.ts";
import { quoteIdentifier, type TestDatabaseServer, withDatabase } from "./context.ts";
import { reapOrphanedScratchDirs } from "./scratch-dirs.ts";
import { startThrowawayPostgres } from "./throwaway-postgres.ts";

const EMBEDDED_TEMPLATE = "trustdesk_template";

interface Harness {
  context: TestDatabaseServer;
  teardown: () => Promise<void>;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  // Whatever a SIGKILLed earlier run left behind (its cluster, the supervisor tests' clusters).
  await reapOrphanedScratchDirs(debug);
  const url = process.env.DATABASE_URL?.trim();
  const harness = url ? await setUpExternal(url) : await setUpEmbedded();
  project.provide("trustdeskTestDatabase", harness.context);
  debug(
    `${harness.context.mode} test database server ready in ${(performance.now() - started).toFixed(0)} ms ` +
      `(template ${harness.context.templateDatabase}, server_version_num ${harness.context.serverVersionNum})`,
  );
  return async () => {
    const stopping = performance.now();
    await harness.teardown();
    debug(`test database server torn down in ${(performance.now() - stopping).toFixed(0)} ms`);
  };
}

async function setUpEmbedded(): Promise<Harness> {
  const started = performance.now();
  const server = await startThrowawayPostgres({ database: EMBEDDED_TEMPLATE });
  const cleanUp = server.stop;
  try {
    const timings: string[] = [];
    let mark = started;
    timings.push(`initdb+start ${(performance.now() - mark).toFixed(0)} ms`);
    mark = performance.now();
    await migrateTemplate(server.connectionString);
    timings.push(`migrate ${(performance.now() - mark).toFixed(0)} ms`);
    const adminConnectionString = withDatabase(server.connectionString, "postgres");
    const serverVersionNum = await withClient(adminConnectionString, async (client) => {
      // Nobody may connect to the template: a session there makes CREATE DATABASE ... TEMPLATE fail.
      await client.query(`alter database ${quoteIdentifier(EMBEDDED_TEMPLATE)} allow_connections false`);
      return versionNum(client);
    });
    debug(`embedded test cluster in ${server.dir} on port ${server.port}: ${timings.join(", ")}`);
    return {
      context: {
        mode: "embedded",
        adminConnectionString,
        templateDatabase: EMBEDDED_TEMPLATE,
        databasePrefix: "trustdesk_test_",
        serverVersionNum,
      },
      teardown: cleanUp,
    };
  } catch (error) {
    // A throwing global setup gets no teardown: clean up here, or the postmaster is orphaned.
    await cleanUp();
    throw error;
  }
}

async function setUpExternal(url: string): Promise<Harness> {
  const runId = randomBytes(4).toString("hex");
  const template = `trustdesk_template_${runId}`;
  const prefix = `trustdesk_test_${runId}_`;
  const serverVersionNum = await withClient(url, versionNum).catch((cause: Error) => {
    throw new Error(
      `The test harness could not reach DATABASE_URL (${redact(url)}): ${cause.message}. ` +
        "Start that server, or unset DATABASE_URL to use a throwaway embedded PostgreSQL.",
      { cause },
    );
  });
  if (serverVersionNum < 150000) {
    throw new Error(
      `DATABASE_URL points at PostgreSQL ${serverVersionNum}; the test harness needs 15 or newer ` +
        "(CREATE DATABASE ... STRATEGY, DROP DATABASE ... WITH (FORCE)). Unset it to use the embedded server.",
    );
  }
  const teardown = async () => {
    await withClient(url, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        "select datname from pg_database where starts_with(datname, $1) or datname = $2",
        [prefix, template],
      );
      for (const { datname } of rows) {
        await client.query(`drop database if exists ${quoteIdentifier(datname)} with (force)`);
      }
    });
  };
  try {
    await withClient(url, (client) => client.query(`create database ${quoteIdentifier(template)}`));
    await migrateTemplate(withDatabase(url, template));
    await withClient(url, (client) =>
      client.query(`alter database ${quoteIdentifier(template)} allow_connections false`),
    );
  } catch (error) {
    await teardown().catch(() => {});
    throw error;
  }
  return {
    context: {
      mode: "external",
      adminConnectionString: url,
      templateDatabase: template,
      databasePrefix: prefix,
      serverVersionNum,
    },
    teardown,
  };
}

async function migrateTemplate(connectionString: string): Promise<void> {
  const db = createDb({ connectionString, maxConnections: 1, applicationName: "trustdesk-test-template" });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, application_name: "trustdesk-test-harness" });
  client.on("error", () => {});
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function versionNum(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ server_version_num: string }>("show server_version_num");
  return Number(rows[0]?.server_version_num ?? 0);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
}

function debug(message: string): void {
  if (process.env.TRUSTDESK_TEST_DB_DEBUG) console.error(`[@trustdesk/db] ${message}`);
}
