import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const API_DIST = resolve(import.meta.dirname, "../../apps/api/dist");

/** The built product (`pnpm start`'s server) on free loopback ports over its own embedded PostgreSQL. */
export interface Product {
  url: string;
  /** The embedded PostgreSQL's database, for checking counts afterwards. */
  databaseUrl: string;
  /** Runs the product's command line against the same data directory. */
  cli(...args: string[]): Promise<string>;
  /** SIGKILLs the API process (PostgreSQL, started detached, keeps running). */
  kill(): void;
  /** Starts the API again over the same data, and waits until it is ready. */
  restart(): Promise<void>;
  readyz(): Promise<number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once("error", ko);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export async function startProduct(log: (line: string) => void): Promise<Product> {
  const dataDir = mkdtempSync(join(tmpdir(), "trustdesk-load-"));
  chmodSync(dataDir, 0o711); // as root, the embedded PostgreSQL runs as its own user and must enter it
  const port = await freePort();
  const pgPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "test", // demo data is refused in production; everything else runs as in production
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    TRUSTDESK_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    TRUSTDESK_SECRET_KEY: "load-test-secret-key-0123456789abcdef",
    COOKIE_SECURE: "false",
    SEED_DEMO: "true",
    // Each simulated customer has its own address (X-Forwarded-For), as behind a load balancer.
    TRUST_PROXY: "true",
    // Sign-up vetting asks DNS, which this loopback-only run has none of; vetting has its own benchmark.
    VETTING_ENABLED: "false",
    LOG_LEVEL: "warn",
  };
  let api: ChildProcess | null = null;

  const readyz = async () => {
    try {
      return (await fetch(`${url}/readyz`)).status;
    } catch {
      return 0;
    }
  };
  const start = async () => {
    api = spawn(process.execPath, [join(API_DIST, "main.js")], { env, stdio: ["ignore", "pipe", "pipe"] });
    api.stderr?.on("data", (chunk: Buffer) => log(`[api] ${chunk.toString().trim()}`));
    // The API logs JSON lines (pino); errors (level 50+) are what a load run must show.
    api.stdout?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (/"level":(5|6)\d/.test(line)) log(`[api] ${line}`);
    });
    const deadline = Date.now() + 120_000;
    while ((await readyz()) !== 200) {
      if (Date.now() > deadline) throw new Error("the API did not become ready within 120 s");
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const cli = async (...args: string[]) =>
    (await promisify(execFile)(process.execPath, [join(API_DIST, "cli/main.js"), ...args], { env })).stdout;

  await start();
  return {
    url,
    databaseUrl: `postgres://postgres@127.0.0.1:${pgPort}/trustdesk`,
    cli,
    kill: () => api?.kill("SIGKILL"),
    restart: start,
    readyz,
    stop: async () => {
      const exited = api && api.exitCode === null ? new Promise((r) => api?.once("exit", r)) : null;
      api?.kill("SIGTERM");
      await exited;
      await cli("db:stop").catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
