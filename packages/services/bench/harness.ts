/**
 * What every benchmark of this package shares beyond `@trustdesk/bench/kit` (flags, machine, result
 * files): a throwaway PostgreSQL that is always stopped (normal end, error, Ctrl-C; a SIGKILLed
 * run's dir is reaped by the next test run), timing, tables, and raw `pg` for the floors. Results
 * go to bench/results/<name>.json (every number) and <name>.md unless `--results-dir` says where.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@trustdesk/db/testing";

export {
  benchFlags,
  machine,
  positiveInt,
  quantile,
  round,
  writeResultFiles,
} from "@trustdesk/bench/kit";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Where results go unless a benchmark is given `--results-dir`. */
export const RESULTS_DIR = path.join(HERE, "results");

/**
 * Runs `fn` with a throwaway embedded PostgreSQL, and stops it however the run ends. `cleanup`
 * (pools, servers) runs first, also on Ctrl-C.
 */
export async function withThrowawayPostgres<T>(
  label: string,
  fn: (server: ThrowawayPostgres, onCleanup: (cleanup: () => Promise<unknown>) => void) => Promise<T>,
): Promise<T> {
  const server = await startThrowawayPostgres({ database: "bench", label: `bench-${label}-` });
  const cleanups: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await server.stop();
  };
  const onSignal = () => {
    void stopAll().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await fn(server, (c) => cleanups.push(c));
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await stopAll();
  }
}

/** Wall time of one call, in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** A seeded PRNG (mulberry32): generated inputs are the same on every run. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A markdown table: one row per key, one column per field; padded as the formatter lays it out. */
export function markdownTable(rows: Record<string, Record<string, unknown>>, firstColumn = ""): string {
  const names = Object.keys(rows);
  const columns = [...new Set(names.flatMap((n) => Object.keys(rows[n] ?? {})))];
  const cell = (v: unknown) =>
    typeof v === "number" ? v.toLocaleString("en", { maximumFractionDigits: 2 }) : String(v ?? "");
  const table = [
    [firstColumn, ...columns],
    ...names.map((n) => [n, ...columns.map((c) => cell(rows[n]?.[c]))]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(3, ...table.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 3)).join(" | ")} |`;
  const [head, ...body] = table;
  return [line(head ?? []), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

// `pg` is the db package's driver; floors talk to it directly, without Kysely or our services.
// (Typed here by the little we use: the services package does not depend on `pg` itself.)
export interface PgQueryable {
  // biome-ignore lint/suspicious/noExplicitAny: raw rows of the floor queries
  query(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}
export interface PgClient extends PgQueryable {
  connect(): Promise<void>;
  end(): Promise<void>;
  on(event: "error", listener: (error: Error) => void): void;
}
export interface PgPool extends PgQueryable {
  end(): Promise<void>;
}
export const pg = createRequire(fileURLToPath(import.meta.resolve("@trustdesk/db")))("pg") as {
  Client: new (options: { connectionString: string }) => PgClient;
  Pool: new (options: { connectionString: string; max: number }) => PgPool;
};

/** A connected raw client whose failed statements reject their own promise only. */
export async function rawClient(connectionString: string): Promise<PgClient> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  client.on("error", () => {});
  return client;
}
