/** What the global setup hands to test files (via vitest's provide/inject). */
export interface TestDatabaseServer {
  /** `embedded`: a throwaway cluster of this run; `external`: the server named by DATABASE_URL. */
  mode: "embedded" | "external";
  /** A maintenance database on the server: CREATE/DROP DATABASE run there. */
  adminConnectionString: string;
  /** The migrated database every per-file database is copied from. Nobody connects to it. */
  templateDatabase: string;
  /** Every per-file database of this run starts with it; teardown drops whatever is left. */
  databasePrefix: string;
  /** `server_version_num`, e.g. 180004. */
  serverVersionNum: number;
}

export const PROVIDED_KEY = "trustdeskTestDatabase";

declare module "vitest" {
  export interface ProvidedContext {
    trustdeskTestDatabase: TestDatabaseServer;
  }
}

/** The same connection string pointing at another database (keeps user, host, port, query). */
export function withDatabase(connectionString: string, database: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?([?#].*)?$/i.exec(connectionString);
  if (!match) throw new Error("a database URL must look like postgres://user@host:port/database");
  return `${match[1]}/${encodeURIComponent(database)}${match[3] ?? ""}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
