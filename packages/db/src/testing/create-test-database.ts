import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "../create-db.ts";
import { quoteIdentifier, type TestDatabaseServer, withDatabase } from "./context.ts";

export interface TestDatabase {
  db: Db;
  connectionString: string;
  /** The database's name, unique to this test file. */
  name: string;
  /** Closes the pool and drops the database. Safe to call twice. */
  destroy(): Promise<void>;
  /** `await using t = await createTestDatabase()` destroys it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** False: an empty database (a copy of template0) with no migrations applied. Default true. */
  migrated?: boolean;
  /** Pool size of the returned Kysely. Default 5. */
  maxConnections?: number;
}

/** The server the global setup started (or found via DATABASE_URL). */
export function testDatabaseServer(): TestDatabaseServer {
  const server = inject("trustdeskTestDatabase");
  if (!server) {
    throw new Error(
      "No test database server: this package's vitest.config.ts must run the @trustdesk/db global setup " +
        "(see packages/db/README.md, 'Test harness').",
    );
  }
  return server;
}

/**
 * A database of its own for one test file, copied from the migrated template: isolated from every
 * other file (they run in parallel), and ready in milliseconds instead of re-running migrations.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const server = testDatabaseServer();
  const name = `${server.databasePrefix}${randomBytes(6).toString("hex")}`;
  const template = options.migrated === false ? "template0" : server.templateDatabase;
  // FILE_COPY (PG15+) copies the template's files instead of WAL-logging every block: on tmpfs
  // it takes about half as long.
  const strategy = server.serverVersionNum >= 150000 ? " strategy file_copy" : "";
  const started = performance.now();
  await admin(
    server,
    `create database ${quoteIdentifier(name)} template ${quoteIdentifier(template)}${strategy}`,
  );
  if (process.env.TRUSTDESK_TEST_DB_DEBUG) {
    console.error(`[@trustdesk/db] created ${name} in ${(performance.now() - started).toFixed(1)} ms`);
  }
  const connectionString = withDatabase(server.adminConnectionString, name);
  const db = createDb({
    connectionString,
    maxConnections: options.maxConnections ?? 5,
    applicationName: "trustdesk-test",
    connectionTimeoutMs: 120_000,
  });
  let destroyed: Promise<void> | undefined;
  const destroy = () => {
    destroyed ??= (async () => {
      await db.destroy();
      await admin(server, `drop database if exists ${quoteIdentifier(name)} with (force)`);
    })();
    return destroyed;
  };
  return { db, connectionString, name, destroy, [Symbol.asyncDispose]: destroy };
}

async function admin(server: TestDatabaseServer, statement: string): Promise<void> {
  const client = new pg.Client({
    connectionString: server.adminConnectionString,
    application_name: "trustdesk-test-harness",
  });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}
