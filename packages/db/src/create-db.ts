import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

// int8 (bigint) and numeric come back as strings by default, which is right: JavaScript
// numbers lose precision past 2^53. timestamptz stays a Date. A calendar `date` (activity days) is
// a day, not an instant: keep PostgreSQL's 'YYYY-MM-DD' instead of a Date at local midnight.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value: string) => value);
export interface CreateDbOptions {
  connectionString: string;
  maxConnections?: number;
  /** Name shown in pg_stat_activity, so a stuck query can be traced to its process. */
  applicationName?: string;
  /**
   * How long a query may wait for a pooled connection before failing (default 10 s). Tests raise it:
   * their concurrency tests queue many callers on a small pool on a shared, busy machine.
   */
  connectionTimeoutMs?: number;
}

export type Db = Kysely<Database>;

export function createDb(options: CreateDbOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? "trustdesk",
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on("error", () => {});
  // Nor a checked-out one: the pool unhooks its listener while a client is lent out (inside a
  // transaction, between statements), and an unheard 'error' there is an uncaught exception that
  // took the API down when PostgreSQL restarted under load. The statement in flight still fails
  // (and its request answers 503/500); the dead client is dropped on release.
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
