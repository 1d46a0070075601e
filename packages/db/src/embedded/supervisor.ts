import { chown, mkdir, mkdtemp, open, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { type PostgresBinaries, resolvePostgresBinaries } from "./binaries.ts";
import { EmbeddedPostgresError } from "./errors.ts";
import { type Inspection, inspect, pidFilePath } from "./postmaster.ts";
import { isRoot, postgresOsUser, type RunAs, run } from "./processes.ts";

/** The superuser initdb creates; trust authentication, reachable on loopback only. */
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_HOST = "127.0.0.1";

export interface EnsureEmbeddedPostgresOptions {
  /** The cluster's data directory, e.g. `<repo>/.data/postgres`. Created and initialised on first use. */
  dataDir: string;
  /** Port to start on. A cluster that is already running keeps the port it was started with. */
  port: number;
  log?: (line: string) => void;
  /** Database to create if missing and to name in the connection string. Default `trustdesk`. */
  database?: string;
  /**
   * A throwaway cluster (tests): initdb without fsync, and the server runs with fsync,
   * synchronous_commit and full_page_writes off. A crash of the machine may corrupt it.
   */
  ephemeral?: boolean;
  /** How long to wait for the server to become ready. Default 60. */
  startTimeoutSeconds?: number;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  connectionString: string;
  /** False when a postmaster for this data dir was already running and is being shared. */
  startedByUs: boolean;
  port: number;
  /** The postmaster's pid. */
  pid: number;
}

export interface EmbeddedPostgresStatus {
  running: boolean;
  pid?: number;
  port?: number;
}

export function embeddedConnectionString(port: number, database: string): string {
  return `postgres://${EMBEDDED_USER}@${EMBEDDED_HOST}:${port}/${encodeURIComponent(database)}`;
}

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const LOG_FILE = "server.log";
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

/**
 * Makes sure the PostgreSQL cluster in `dataDir` runs, and returns how to reach it.
 *
 * The API, the workers and the CLI of one checkout share one cluster: whoever needs it first
 * initialises and starts it with the shipped `pg_ctl`, which detaches the postmaster (setsid), so
 * it outlives the process that started it and survives clients being killed. Everyone else finds
 * it through `postmaster.pid` and reuses it. Nothing here ever deletes cluster files; the only
 * files it moves are `server.log` (rotated) and a lock file proven stale.
 */
export async function ensureEmbeddedPostgres(
  options: EnsureEmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const database = options.database ?? "trustdesk";
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
    throw new EmbeddedPostgresError(
      "INVALID_OPTIONS",
      `port must be an integer 1-65535, got ${options.port}`,
    );
  }
  if (!DATABASE_NAME.test(database)) {
    throw new EmbeddedPostgresError(
      "INVALID_OPTIONS",
      `database name ${JSON.stringify(database)} is not a plain identifier`,
    );
  }
  if (!options.dataDir) throw new EmbeddedPostgresError("INVALID_OPTIONS", "dataDir is required");
  const ctx: Context = {
    dataDir: path.resolve(options.dataDir),
    port: options.port,
    log,
    ephemeral: options.ephemeral ?? false,
    timeoutSeconds: options.startTimeoutSeconds ?? 60,
    binaries: await resolvePostgresBinaries(),
  };

  for (let round = 1; ; round++) {
    let server = await reuseRunning(ctx);
    if (!server) {
      await initialiseIfNeeded(ctx);
      server = await start(ctx);
    }
    try {
      await ensureDatabase(ctx, server.port, database);
      return { ...server, connectionString: embeddedConnectionString(server.port, database) };
    } catch (error) {
      // The server we found may have been dying (killed moments ago, its pid file still says
      // ready): if it is gone now, start over.
      await sleep(200);
      if (round < 5 && (await inspect(ctx.dataDir)).kind !== "live") continue;
      throw error;
    }
  }
}

/** Stops the cluster (`pg_ctl stop`, fast mode by default). False if it was not running. */
export async function stopEmbeddedPostgres(
  dataDir: string,
  options: { mode?: "smart" | "fast" | "immediate"; timeoutSeconds?: number } = {},
): Promise<boolean> {
  const dir = path.resolve(dataDir);
  if ((await inspect(dir)).kind !== "live") return false;
  const binaries = await resolvePostgresBinaries();
  const runAs = await serverOsUser(dir, binaries);
  const result = await run(
    binaries.pgCtl,
    ["stop", "-D", dir, "-m", options.mode ?? "fast", "-w", "-t", String(options.timeoutSeconds ?? 60)],
    { runAs, cwd: binaries.binDir },
  );
  if (result.code === 0) return true;
  // Someone else may have stopped it in the meantime; only a server still running is a failure.
  if ((await inspect(dir)).kind !== "live") return true;
  throw new EmbeddedPostgresError(
    "STOP_FAILED",
    `pg_ctl stop failed for ${dir}: ${result.output.trim()}. The server keeps running; ` +
      `try again, or \`pg_ctl stop -m immediate -D ${dir}\` as its OS user.`,
  );
}

export async function embeddedPostgresStatus(dataDir: string): Promise<EmbeddedPostgresStatus> {
  const inspection = await inspect(path.resolve(dataDir));
  if (inspection.kind !== "live") return { running: false };
  const { pid, port } = inspection.pidFile;
  return { running: true, ...(pid > 0 ? { pid } : {}), ...(port === undefined ? {} : { port }) };
}

interface Context {
  dataDir: string;
  port: number;
  log: (line: string) => void;
  ephemeral: boolean;
  timeoutSeconds: number;
  binaries: PostgresBinaries;
}

async function reuseRunning(ctx: Context): Promise<Omit<EmbeddedPostgres, "connectionString"> | undefined> {
  const ready = await waitUntilReady(ctx, await inspect(ctx.dataDir));
  if (!ready) return undefined;
  if (ready.port !== ctx.port) {
    ctx.log(`PostgreSQL for ${ctx.dataDir} already runs on port ${ready.port} (not ${ctx.port}); using it`);
  } else {
    ctx.log(`reusing PostgreSQL (pid ${ready.pid}) on ${EMBEDDED_HOST}:${ready.port}`);
  }
  return { ...ready, startedByUs: false };
}

/**
 * Waits for a live postmaster to report `ready` in its pid file. Undefined when there is no live
 * postmaster (or it went away while we waited, e.g. it was stopping).
 */
async function waitUntilReady(
  ctx: Context,
  first: Inspection,
): Promise<{ pid: number; port: number } | undefined> {
  const deadline = Date.now() + ctx.timeoutSeconds * 1000;
  let inspection = first;
  for (;;) {
    if (inspection.kind !== "live") return undefined;
    const { pid, port, status } = inspection.pidFile;
    if ((status === "ready" || status === "standby") && port !== undefined) return { pid, port };
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError(
        "START_FAILED",
        `PostgreSQL for ${ctx.dataDir} (pid ${pid}) has not become ready within ${ctx.timeoutSeconds} s ` +
          `(status ${status ?? "unknown"}). It may be replaying a large WAL after a crash; see ` +
          `${path.join(ctx.dataDir, LOG_FILE)}.`,
        { logTail: await readLogTail(path.join(ctx.dataDir, LOG_FILE), 0) },
      );
    }
    await sleep(50);
    inspection = await inspect(ctx.dataDir);
  }
}

/**
 * First run: initdb into a staging dir beside the data dir, then rename it into place. The rename
 * is atomic, so a crash mid-initdb never leaves a half-made cluster, and two processes racing on
 * a fresh checkout cannot both initialise it (the loser's rename fails and it uses the winner's).
 */
async function initialiseIfNeeded(ctx: Context): Promise<void> {
  const { dataDir } = ctx;
  if (await exists(path.join(dataDir, "PG_VERSION"))) return;
  const entries = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw permissionError(error, dataDir);
  });
  if (entries.length > 0) {
    throw new EmbeddedPostgresError(
      "NOT_A_DATA_DIRECTORY",
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Nothing was changed. ` +
        "Point the data dir somewhere else, or move those files away.",
    );
  }
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw permissionError(error, parent);
  });
  const runAs = isRoot() ? await postgresOsUser(ctx.log) : undefined;
  if (runAs) {
    await assertTraversable(parent, runAs, "the data dir's parent");
    await assertTraversable(ctx.binaries.root, runAs, "the PostgreSQL binaries");
  }
  const staging = await mkdtemp(path.join(parent, `.${path.basename(dataDir)}.initdb-`));
  try {
    if (runAs) await chown(staging, runAs.uid, runAs.gid);
    ctx.log(`initialising a PostgreSQL cluster in ${dataDir}`);
    const result = await run(
      ctx.binaries.initdb,
      [
        "-D",
        staging,
        "-U",
        EMBEDDED_USER,
        "-A",
        "trust",
        "-E",
        "UTF8",
        // Byte-order collation (stable across machines and libc versions) with Unicode-aware
        // upper()/lower() from PostgreSQL's own builtin provider.
        "--locale=C",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--no-instructions",
        ...(ctx.ephemeral ? ["--no-sync"] : []),
      ],
      { runAs, cwd: ctx.binaries.binDir, timeoutMs: 300_000 },
    );
    if (result.code !== 0) {
      throw new EmbeddedPostgresError(
        "INITDB_FAILED",
        `initdb failed for ${dataDir} (exit ${result.code ?? result.signal}): ${lastLines(result.output, 15)}`,
        { logTail: lastLines(result.output, 30) },
      );
    }
    try {
      await rename(staging, dataDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const lostRace =
        (code === "ENOTEMPTY" || code === "EEXIST") && (await exists(path.join(dataDir, "PG_VERSION")));
      if (!lostRace) throw permissionError(error as NodeJS.ErrnoException, dataDir);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

const LOCK_FILE_BUSY =
  /lock file "[^"]*postmaster\.pid" (already exists|is empty)|pre-existing shared memory block .* is still in use/;
const PORT_BUSY =
  /could not bind IPv[46] address[^\n]*Address already in use|could not create any TCP\/IP sockets/;
const PERMISSION = /Permission denied|has wrong ownership|has invalid permissions|cannot be run as root/;

async function start(ctx: Context): Promise<Omit<EmbeddedPostgres, "connectionString">> {
  const { dataDir, binaries } = ctx;
  const runAs = await serverOsUser(dataDir, binaries);
  const logFile = path.join(dataDir, LOG_FILE);
  await rotateLog(logFile);
  const settings = [
    `-p ${ctx.port}`,
    `-c listen_addresses=${EMBEDDED_HOST}`,
    // TCP only: no socket in /tmp to collide with another cluster on the same port number.
    "-c unix_socket_directories=''",
    ...(ctx.ephemeral
      ? [
          "-c fsync=off",
          "-c synchronous_commit=off",
          "-c full_page_writes=off",
          // Shared memory segments as files in the data dir, not in /dev/shm: removing the dir of
          // a killed throwaway cluster then leaves nothing behind.
          "-c dynamic_shared_memory_type=mmap",
        ]
      : []),
  ].join(" ");

  let lockFailures = 0;
  let portWaits = 0;
  let movedAside = false;
  for (let attempt = 0; attempt < 80; attempt++) {
    const before = await inspect(dataDir);
    const running = await waitUntilReady(ctx, before);
    if (running) {
      ctx.log(`PostgreSQL for ${dataDir} was started by another process (pid ${running.pid}); using it`);
      return { ...running, startedByUs: false };
    }
    if (!(await portIsFree(ctx.port))) {
      // A concurrent starter of this very cluster may have just bound it.
      if ((await inspect(dataDir)).kind === "live") continue;
      // Just after a crash (a stale pid file is there) the dying postmaster may hold the port
      // for a moment longer.
      if (before.kind === "stale" && portWaits < 20) {
        portWaits++;
        await sleep(250);
        continue;
      }
      throw portInUse(ctx, undefined);
    }
    const offset = await fileSize(logFile);
    ctx.log(`starting PostgreSQL on ${EMBEDDED_HOST}:${ctx.port} (data: ${dataDir}, log: ${logFile})`);
    const result = await run(
      binaries.pgCtl,
      ["start", "-D", dataDir, "-w", "-t", String(ctx.timeoutSeconds), "-l", logFile, "-o", settings],
      { runAs, cwd: binaries.binDir },
    );
    const after = await inspect(dataDir);
    if (after.kind === "live") {
      const ready = await waitUntilReady(ctx, after);
      if (ready) {
        // pg_ctl exits 0 only when its own postmaster became ready; otherwise we lost a race.
        return { ...ready, startedByUs: result.code === 0 };
      }
      continue;
    }
    const tail = await readLogTail(logFile, offset);
    const text = `${result.output}\n${tail}`;
    if (LOCK_FILE_BUSY.test(text)) {
      lockFailures++;
      // After a kill -9 the dead postmaster holds its pid until it is reaped (seconds), and its
      // orphaned backends hold the shared memory until they notice: PostgreSQL sorts this out
      // itself on a later attempt.
      const provenStale =
        after.kind === "stale" &&
        ((after.why === "zombie" && lockFailures >= 12) ||
          ((after.why === "foreign" || after.why === "empty") && lockFailures >= 2));
      if (provenStale && !movedAside) {
        // The pid belongs to a zombie or to a program that is not this cluster's postmaster, so
        // no server uses this lock file (PostgreSQL's shared-memory interlock still guards
        // against leftover backends). Keep it beside, never delete it.
        const aside = `${pidFilePath(dataDir)}.stale-${Date.now()}`;
        ctx.log(`moving the stale lock file aside (pid ${after.pidFile.pid} is ${after.why}): ${aside}`);
        await rename(pidFilePath(dataDir), aside).catch(() => {});
        movedAside = true;
        continue;
      }
      if (lockFailures < 14) {
        await sleep(Math.min(250 * lockFailures, 1000));
        continue;
      }
      throw new EmbeddedPostgresError(
        "LOCK_FILE_HELD",
        `PostgreSQL will not start on ${dataDir}: ${pidFilePath(dataDir)} names pid ${
          after.kind === "stale" ? after.pidFile.pid : "?"
        }, which still exists. If that process is not a PostgreSQL server for this data dir, move the ` +
          "file away and try again; if it is, stop it first.",
        { logTail: tail },
      );
    }
    if (PORT_BUSY.test(text)) throw portInUse(ctx, tail);
    if (PERMISSION.test(text)) {
      throw new EmbeddedPostgresError(
        "PERMISSION_DENIED",
        `PostgreSQL could not start on ${dataDir} because of file permissions. The data dir must belong ` +
          `to the OS user that runs the server${runAs ? ` (uid ${runAs.uid})` : ""} with mode 0700, and ` +
          `every parent directory must be traversable by it. Server log:\n${tail || result.output}`,
        { logTail: tail },
      );
    }
    throw new EmbeddedPostgresError(
      "START_FAILED",
      `PostgreSQL failed to start on ${dataDir} (pg_ctl exit ${result.code ?? result.signal}). ` +
        `Last lines of ${logFile}:\n${tail || result.output.trim()}`,
      { logTail: tail },
    );
  }
  throw new EmbeddedPostgresError(
    "START_FAILED",
    `PostgreSQL for ${dataDir} did not settle after 80 attempts`,
  );
}

function portInUse(ctx: Context, tail: string | undefined): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    "PORT_IN_USE",
    `Port ${ctx.port} on ${EMBEDDED_HOST} is already in use by another program, so the embedded PostgreSQL ` +
      `for ${ctx.dataDir} cannot start there. Stop that program (\`ss -ltnp 'sport = :${ctx.port}'\` shows ` +
      "it) or configure another port for the embedded database.",
    tail === undefined ? {} : { logTail: tail },
  );
}

async function ensureDatabase(ctx: Context, port: number, database: string): Promise<void> {
  const client = new pg.Client({
    host: EMBEDDED_HOST,
    port,
    user: EMBEDDED_USER,
    database: "postgres",
    connectionTimeoutMillis: 10_000,
    application_name: "trustdesk-embedded-supervisor",
  });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (cause) {
    throw new EmbeddedPostgresError(
      "CONNECT_FAILED",
      `PostgreSQL for ${ctx.dataDir} runs, but ${EMBEDDED_HOST}:${port} refused a connection as ` +
        `${EMBEDDED_USER}: ${(cause as Error).message}. If it was started by hand with other settings, ` +
        `stop it (pg_ctl stop -D ${ctx.dataDir}) and let the application start it.`,
      { cause },
    );
  }
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) {
      ctx.log(`creating database ${database}`);
      // FILE_COPY: the fresh cluster's template1 is tiny, and copying its files beats WAL-logging them.
      await client
        .query(`create database ${client.escapeIdentifier(database)} strategy file_copy`)
        .catch((error: { code?: string }) => {
          // Created concurrently by another process: 42P04, or 23505 when both inserts race.
          if (error.code !== "42P04" && error.code !== "23505") throw error;
        });
    }
  } catch (cause) {
    throw new EmbeddedPostgresError(
      "CONNECT_FAILED",
      `could not create database ${database}: ${(cause as Error).message}`,
      { cause },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * As root, PostgreSQL's programs run as the data dir's owner (`postgres` for clusters we made).
 * It must not be root, and every directory above the data dir and the binaries must let it pass.
 */
async function serverOsUser(dataDir: string, binaries: PostgresBinaries): Promise<RunAs | undefined> {
  if (!isRoot()) return undefined;
  const info = await stat(dataDir);
  if (info.uid === 0) {
    throw new EmbeddedPostgresError(
      "PERMISSION_DENIED",
      `${dataDir} belongs to root, and PostgreSQL refuses to run as root. ` +
        `Give it to the postgres user: chown -R postgres:postgres ${dataDir}`,
    );
  }
  const runAs = { uid: info.uid, gid: info.gid };
  await assertTraversable(path.dirname(dataDir), runAs, "the data dir's parent");
  await assertTraversable(binaries.root, runAs, "the PostgreSQL binaries");
  return runAs;
}

async function assertTraversable(dir: string, who: RunAs, what: string): Promise<void> {
  const blocked: string[] = [];
  let current = await realpath(dir);
  for (;;) {
    const info = await stat(current);
    const bit = info.uid === who.uid ? 0o100 : info.gid === who.gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) blocked.push(current);
    const up = path.dirname(current);
    if (up === current) break;
    current = up;
  }
  if (blocked.length > 0) {
    throw new EmbeddedPostgresError(
      "PERMISSION_DENIED",
      `The PostgreSQL server runs as uid ${who.uid} (PostgreSQL refuses root) and cannot reach ${what}: ` +
        `${blocked.join(", ")} ${blocked.length === 1 ? "is" : "are"} not traversable for it. ` +
        `Allow it with \`chmod o+x ${blocked.join(" ")}\` or keep the checkout somewhere it can reach.`,
    );
  }
}

function permissionError(error: NodeJS.ErrnoException, where: string): Error {
  if (error.code === "EACCES" || error.code === "EPERM") {
    return new EmbeddedPostgresError(
      "PERMISSION_DENIED",
      `No permission for ${where} (${error.code}); check its owner and mode.`,
      { cause: error },
    );
  }
  return error;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error.code !== "EADDRINUSE"));
    server.listen({ port, host: EMBEDDED_HOST, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function rotateLog(logFile: string): Promise<void> {
  if ((await fileSize(logFile)) > LOG_ROTATE_BYTES) await rename(logFile, `${logFile}.1`).catch(() => {});
}

/** The end of what the server logged since `offset` (this attempt only, not earlier runs). */
async function readLogTail(logFile: string, offset: number): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(logFile, "r");
    const size = (await handle.stat()).size;
    const from = Math.max(offset, size - 16_384);
    const buffer = Buffer.alloc(Math.max(0, size - from));
    await handle.read(buffer, 0, buffer.length, from);
    return lastLines(buffer.toString("utf8"), 25);
  } catch {
    return "";
  } finally {
    await handle?.close();
  }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split("\n").slice(-count).join("\n");
}
