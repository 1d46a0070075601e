import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const API_DIST = resolve(import.meta.dirname, "../../apps/api/dist");

/** A process of the product the harness started (an API instance, a worker, a long command). */
export interface ProductProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Everything it wrote on stdout so far. */
  stdout(): string;
  kill(signal?: NodeJS.Signals): void;
}

/** An API instance: `pnpm start`'s server, on its own free loopback port. */
export interface ApiInstance {
  url: string;
  /** SIGKILLs it (PostgreSQL, started detached, keeps running). */
  kill(): void;
  /** Starts it again over the same data, on the same port, and waits until it is ready. */
  restart(): Promise<void>;
  readyz(): Promise<number>;
  stop(): Promise<void>;
}

/** The built product (`pnpm start`'s server) on free loopback ports over its own embedded PostgreSQL. */
export interface Product {
  url: string;
  /** The embedded PostgreSQL's database, for checking counts afterwards. */
  databaseUrl: string;
  /** Runs the product's command line against the same data directory. */
  cli(...args: string[]): Promise<string>;
  /** Starts a command of the product's command line and leaves it running (to be killed). */
  spawnCli(args: string[], env?: Record<string, string>): ProductProcess;
  /** `trustdesk worker`: a separate worker process on the same data. */
  startWorker(): ProductProcess;
  /** One more API instance over the same database (with this product's WORKER setting). */
  startApi(): Promise<ApiInstance>;
  /** SIGKILLs the first API process (PostgreSQL, started detached, keeps running). */
  kill(): void;
  /** Starts the first API again over the same data, and waits until it is ready. */
  restart(): Promise<void>;
  readyz(): Promise<number>;
  stop(): Promise<void>;
}

export interface ProductOptions {
  /** `embedded` (the default, as `pnpm start`): the API runs the jobs; `off`: workers do. */
  worker?: "embedded" | "off";
  /** Where mail goes (the harness's own SMTP server); without it, the product's dev inbox. */
  smtpUrl?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once("error", ko);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

function track(child: ChildProcess): ProductProcess {
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | string>((ok) =>
    child.once("exit", (code, signal) => ok(code ?? signal ?? "unknown")),
  );
  return { child, exited, stdout: () => out, kill: (signal = "SIGKILL") => child.kill(signal) };
}

export async function startProduct(
  log: (line: string) => void,
  options: ProductOptions = {},
): Promise<Product> {
  const dataDir = mkdtempSync(join(tmpdir(), "trustdesk-load-"));
  chmodSync(dataDir, 0o711); // as root, the embedded PostgreSQL runs as its own user and must enter it
  const pgPort = await freePort();
  const baseEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "test", // demo data is refused in production; everything else runs as in production
    HOST: "127.0.0.1",
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
    WORKER: options.worker ?? "embedded",
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
  };
  const children = new Set<ChildProcess>();

  const apiInstance = async (name: string): Promise<ApiInstance> => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Every instance names the same public address, as behind one load balancer.
    const env = { ...baseEnv, PORT: String(port), PUBLIC_URL: first?.url ?? url };
    let api: ChildProcess | null = null;
    const readyz = async () => {
      try {
        return (await fetch(`${url}/readyz`)).status;
      } catch {
        return 0;
      }
    };
    const start = async () => {
      const child = spawn(process.execPath, [join(API_DIST, "main.js")], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      api = child;
      children.add(child);
      child.once("exit", () => children.delete(child));
      child.stderr?.on("data", (chunk: Buffer) => log(`[${name}] ${chunk.toString().trim()}`));
      // The API logs JSON lines (pino); errors (level 50+) are what a load run must show.
      child.stdout?.on("data", (chunk: Buffer) => {
        for (const line of chunk.toString().split("\n"))
          if (/"level":(5|6)\d/.test(line)) log(`[${name}] ${line}`);
      });
      const deadline = Date.now() + 120_000;
      while ((await readyz()) !== 200) {
        if (Date.now() > deadline) throw new Error(`${name} did not become ready within 120 s`);
        if (child.exitCode !== null)
          throw new Error(`${name} exited (${child.exitCode}) before it was ready`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await start();
    return {
      url,
      kill: () => api?.kill("SIGKILL"),
      restart: start,
      readyz,
      stop: async () => {
        const a = api;
        if (!a || a.exitCode !== null || a.signalCode !== null) return;
        const exited = new Promise((r) => a.once("exit", r));
        a.kill("SIGTERM");
        await exited;
      },
    };
  };

  const cli = async (...args: string[]) =>
    (
      await promisify(execFile)(process.execPath, [join(API_DIST, "cli/main.js"), ...args], {
        env: baseEnv,
        maxBuffer: 64 * 1024 * 1024,
      })
    ).stdout;
  const spawnCli = (args: string[], env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [join(API_DIST, "cli/main.js"), ...args], {
      env: { ...baseEnv, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    child.once("exit", () => children.delete(child));
    child.stderr?.on("data", (chunk: Buffer) => {
      // Progress bars redraw with carriage returns; only real messages are worth the log.
      const text = chunk.toString().trim();
      if (text && !text.includes("\r") && !/^Running /.test(text)) log(`[${args[0]}] ${text}`);
    });
    return track(child);
  };

  let first: ApiInstance | null = null;
  first = await apiInstance("api");
  const main = first;
  const extra: ApiInstance[] = [];
  return {
    url: main.url,
    databaseUrl: `postgres://postgres@127.0.0.1:${pgPort}/trustdesk`,
    cli,
    spawnCli,
    startWorker: () => spawnCli(["worker"]),
    startApi: async () => {
      const api = await apiInstance(`api ${extra.length + 2}`);
      extra.push(api);
      return api;
    },
    kill: main.kill,
    restart: main.restart,
    readyz: main.readyz,
    stop: async () => {
      for (const api of extra) await api.stop();
      await main.stop();
      // Workers and commands still running (a phase that failed half-way) end with the product.
      for (const child of children) child.kill("SIGKILL");
      await cli("db:stop").catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
