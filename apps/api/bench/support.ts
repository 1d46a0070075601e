/**
 * What the API's benchmarks share: the real Express app (`createApp`, as `pnpm start` builds it) on
 * a free loopback port over a throwaway embedded PostgreSQL, a closed-loop load generator with a
 * fixed number in flight, and generated accounts. Client, server and PostgreSQL share the machine.
 */
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { quantile, round } from "@trustdesk/bench/kit";
import { createDb, type Db, migrateToLatest } from "@trustdesk/db";
import { startThrowawayPostgres } from "@trustdesk/db/testing";
import { defaultServiceConfig, type ServiceDeps } from "@trustdesk/services";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/logger.ts";

export const b64url = (bytes: number) => randomBytes(bytes).toString("base64url");

export interface BenchApi {
  /** http://127.0.0.1:<port> */
  url: string;
  db: Db;
  deps: ServiceDeps;
  connectionString: string;
  stop(): Promise<void>;
}

/** The product's app over a fresh, migrated throwaway PostgreSQL; `stop` tears both down. */
export async function startBenchApi(
  options: { secretScanning?: { url: string; file: string }; maxConnections?: number } = {},
): Promise<BenchApi> {
  const pg = await startThrowawayPostgres({ database: "bench", label: "bench-api-" });
  const db = createDb({
    connectionString: pg.connectionString,
    maxConnections: options.maxConnections ?? 10,
    applicationName: "bench",
  });
  let server: Server | undefined;
  const stop = async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db.destroy();
    await pg.stop();
  };
  try {
    await migrateToLatest(db);
    const deps: ServiceDeps = {
      db,
      now: () => new Date(),
      config: { ...defaultServiceConfig, secretKey: b64url(32), publicUrl: "http://127.0.0.1" },
    };
    const app = createApp(
      deps,
      {
        production: false,
        publicUrl: "http://127.0.0.1",
        secretKey: deps.config.secretKey,
        cookieSecure: false,
        trustProxy: false,
        portalDist: "/nonexistent",
        dashboardDist: "/nonexistent",
        ...(options.secretScanning ? { secretScanning: options.secretScanning } : {}),
      },
      createLogger("silent"),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, db, deps, connectionString: pg.connectionString, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface Phase {
  /** Calls completed. */
  n: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Calls whose `call` returned false (a refused answer). */
  failed: number;
}

/**
 * Runs `next()` with `concurrency` calls in flight until `seconds` pass or `next` has nothing more
 * (returns null). Each call resolves to true when it was answered as expected.
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  next: () => (() => Promise<boolean>) | null,
): Promise<Phase> {
  const latencies: number[] = [];
  let failed = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const call = next();
      if (!call) return;
      const started = performance.now();
      if (!(await call())) failed += 1;
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    n: latencies.length,
    seconds: round(elapsed, 2),
    perSecond: round(latencies.length / elapsed, 0),
    p50Ms: round(quantile(latencies, 0.5), 1),
    p99Ms: round(quantile(latencies, 0.99), 1),
    failed,
  };
}

/** `count` accounts with an owner each, inserted directly (the benchmarks measure what follows). */
export async function insertAccounts(db: Db, count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 500) {
    const rows = await db
      .insertInto("accounts")
      .values(
        Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
          name: `${label} ${i + k}`,
          website: null,
          country: null,
          signup_ip: null,
        })),
      )
      .returning("id")
      .execute();
    await db
      .insertInto("customer_users")
      .values(
        rows.map((r, k) => ({
          account_id: r.id,
          email: `owner${i + k}@${label.toLowerCase().replaceAll(" ", "-")}-${i + k}.test`,
          name: "Owner",
          role: "owner" as const,
          password_hash: "not-used",
          totp_secret_enc: null,
          totp_enabled_at: null,
          totp_last_step: null,
          locked_until: null,
          last_sign_in_at: null,
        })),
      )
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
