import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EmbeddedPostgresError,
  embeddedPostgresStatus,
  ensureEmbeddedPostgres,
  stopEmbeddedPostgres,
} from "../src/embedded/index.ts";
import { makeScratchDir } from "../src/testing/scratch-dirs.ts";

// Real clusters in temp dirs, each stopped and removed in afterAll whatever happened.
let base: string;
const dataDirs: string[] = [];

beforeAll(async () => {
  // Owned by this process: if the run is SIGKILLed, the next run's global setup reaps it.
  base = await makeScratchDir("supervisor-");
});

afterAll(async () => {
  for (const dir of dataDirs) await stopEmbeddedPostgres(dir, { mode: "immediate" }).catch(() => {});
  if (base) await rm(base, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = path.join(base, `cluster-${dataDirs.length}`, "postgres");
  dataDirs.push(dir);
  return dir;
}

let pristine: string | undefined;

/**
 * A copy of a cleanly stopped, initialised cluster (`cp -a` keeps the owner): the tests that are
 * not about initdb skip its second or so each.
 */
async function clonedDataDir(): Promise<string> {
  if (!pristine) {
    const dir = path.join(base, "pristine", "postgres");
    await ensureEmbeddedPostgres({ dataDir: dir, port: await freePort(), ephemeral: true });
    await stopEmbeddedPostgres(dir);
    pristine = dir;
  }
  const dataDir = newDataDir();
  await mkdir(path.dirname(dataDir), { recursive: true });
  await promisify(execFile)("cp", ["-a", pristine, dataDir]);
  return dataDir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function query(connectionString: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

// Each test runs initdb at least once: allow for a busy 2-core machine.
describe("ensureEmbeddedPostgres", { timeout: 60_000 }, () => {
  it("initialises and starts a cluster, then reuses it while it runs", async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    const first = await ensureEmbeddedPostgres({ dataDir, port, ephemeral: true });
    expect(first).toMatchObject({
      startedByUs: true,
      port,
      connectionString: `postgres://postgres@127.0.0.1:${port}/trustdesk`,
    });
    expect(await query(first.connectionString, "select current_database() as db")).toEqual([
      { db: "trustdesk" },
    ]);

    // Another process of the checkout asks again (even for another port): it gets the same server.
    const second = await ensureEmbeddedPostgres({ dataDir, port: await freePort() });
    expect(second).toMatchObject({ startedByUs: false, port, pid: first.pid });
    expect(await embeddedPostgresStatus(dataDir)).toEqual({ running: true, pid: first.pid, port });

    expect(await stopEmbeddedPostgres(dataDir)).toBe(true);
    expect(await stopEmbeddedPostgres(dataDir)).toBe(false);
    expect(await embeddedPostgresStatus(dataDir)).toEqual({ running: false });
  });

  it("lets exactly one of two concurrent callers start a fresh cluster", async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    const results = await Promise.all([
      ensureEmbeddedPostgres({ dataDir, port, ephemeral: true }),
      ensureEmbeddedPostgres({ dataDir, port, ephemeral: true }),
    ]);
    expect(results.filter((r) => r.startedByUs)).toHaveLength(1);
    expect(new Set(results.map((r) => r.pid)).size).toBe(1);
    expect(new Set(results.map((r) => r.port))).toEqual(new Set([port]));
    await stopEmbeddedPostgres(dataDir);
  });

  it("finds and reuses a cluster whose starter was SIGKILLed", async () => {
    const dataDir = await clonedDataDir();
    const port = await freePort();
    const fixture = fileURLToPath(new URL("./fixtures/start-cluster.ts", import.meta.url));
    const child = spawn(process.execPath, [fixture, dataDir, String(port)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
      });
      child.once("exit", (code) =>
        reject(new Error(`the child exited (${code}) before starting the cluster`)),
      );
    });
    const started = JSON.parse(line) as { pid: number; startedByUs: boolean };
    expect(started.startedByUs).toBe(true);

    child.kill("SIGKILL");
    await exited;

    const again = await ensureEmbeddedPostgres({ dataDir, port });
    expect(again).toMatchObject({ startedByUs: false, pid: started.pid, port });
    expect(await query(again.connectionString, "select 1 as ok")).toEqual([{ ok: 1 }]);
    await stopEmbeddedPostgres(dataDir);
  });

  it("recovers after the postmaster itself was killed with SIGKILL, keeping committed data", async () => {
    const dataDir = await clonedDataDir();
    const port = await freePort();
    const first = await ensureEmbeddedPostgres({ dataDir, port });
    await query(first.connectionString, "create table kept (x int); insert into kept values (42)");

    process.kill(first.pid, "SIGKILL");
    // The lock file still names the dead (possibly not yet reaped) postmaster.
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(true);

    const second = await ensureEmbeddedPostgres({ dataDir, port });
    expect(second.startedByUs).toBe(true);
    expect(second.pid).not.toBe(first.pid);
    expect(await query(second.connectionString, "select x from kept")).toEqual([{ x: 42 }]);
    const log = await readFile(path.join(dataDir, "server.log"), "utf8");
    expect(log).toMatch(/was interrupted|automatic recovery|not properly shut down/);
    await stopEmbeddedPostgres(dataDir);
  });

  it("says clearly when the port is taken by another program", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: 0, host: "127.0.0.1" }, resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const dataDir = await clonedDataDir();
    try {
      const error = await ensureEmbeddedPostgres({ dataDir, port, ephemeral: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedPostgresError);
      expect(error).toMatchObject({
        code: "PORT_IN_USE",
        message: expect.stringContaining(`Port ${port} on 127.0.0.1 is already in use by another program`),
      });
      expect(await embeddedPostgresStatus(dataDir)).toEqual({ running: false });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("reports a crash during start-up with the end of the server log", async () => {
    const dataDir = await clonedDataDir();
    const port = await freePort();
    await appendFile(path.join(dataDir, "postgresql.conf"), "\nshared_buffers = 'plenty'\n");

    const error = await ensureEmbeddedPostgres({ dataDir, port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect(error).toMatchObject({
      code: "START_FAILED",
      message: expect.stringContaining("PostgreSQL failed to start"),
      logTail: expect.stringContaining("shared_buffers"),
    });
    expect((error as Error).message).toContain("shared_buffers");
    expect(await embeddedPostgresStatus(dataDir)).toEqual({ running: false });
  });

  it("refuses a non-empty directory that holds no cluster, touching nothing", async () => {
    const dataDir = newDataDir();
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, "precious.txt"), "keep me");
    const error = await ensureEmbeddedPostgres({ dataDir, port: await freePort() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "EmbeddedPostgresError", code: "NOT_A_DATA_DIRECTORY" });
    expect(await readFile(path.join(dataDir, "precious.txt"), "utf8")).toBe("keep me");
  });
});
