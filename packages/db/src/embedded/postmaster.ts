import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { EmbeddedPostgresError } from "./errors.ts";
import { describeProcess } from "./processes.ts";

/**
 * `<data dir>/postmaster.pid`, written by the postmaster itself: line 1 pid, 2 data dir,
 * 3 start time, 4 port, 5 socket dir, 6 listen address, 7 shared memory key, 8 status
 * (`starting`, `stopping`, `ready`, `standby`).
 */
export interface PostmasterPidFile {
  pid: number;
  dataDir: string;
  port: number | undefined;
  status: string | undefined;
  /** When the file was last written, to tell a server still writing it from a remnant of a crash. */
  modifiedAt: number;
}

export function pidFilePath(dataDir: string): string {
  return path.join(dataDir, "postmaster.pid");
}

export async function readPidFile(dataDir: string): Promise<PostmasterPidFile | undefined> {
  let text: string;
  let modifiedAt: number;
  try {
    text = await readFile(pidFilePath(dataDir), "utf8");
    modifiedAt = (await stat(pidFilePath(dataDir))).mtimeMs;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    if (code === "EACCES" || code === "EPERM") {
      throw new EmbeddedPostgresError(
        "PERMISSION_DENIED",
        `Cannot read ${pidFilePath(dataDir)} (${code}): the cluster belongs to another OS user. ` +
          "Run this as that user (or as root), or use a data dir of your own.",
        { cause: error },
      );
    }
    throw error;
  }
  const lines = text.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  // A file caught between creation and its first write has no pid yet (or is the empty remnant
  // of a crash during start-up): `inspect` decides by its age.
  if (!Number.isInteger(pid) || pid <= 0) {
    return { pid: 0, dataDir: "", port: undefined, status: "starting", modifiedAt };
  }
  const port = Number.parseInt(lines[3] ?? "", 10);
  return {
    pid,
    dataDir: lines[1]?.trim() ?? "",
    port: Number.isInteger(port) && port > 0 ? port : undefined,
    status: lines[7]?.trim() || undefined,
    modifiedAt,
  };
}

export type Inspection =
  | { kind: "absent" }
  /** A postmaster for this data dir is alive (or alive and unverifiable: we never touch those). */
  | { kind: "live"; pidFile: PostmasterPidFile }
  /** `postmaster.pid` exists but its pid is gone, a zombie, or provably some other program. */
  | { kind: "stale"; pidFile: PostmasterPidFile; why: "gone" | "zombie" | "foreign" | "empty" };

async function canonical(p: string): Promise<string> {
  const resolved = path.resolve(p);
  try {
    return await realpath(resolved);
  } catch {
    return resolved;
  }
}

async function sameDir(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  return (await canonical(a)) === (await canonical(b));
}

/** The data dir a postmaster was started on, from its command line (`-D dir`, `-Ddir`, `--pgdata=dir`). */
function dataDirArgument(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "-D") return argv[i + 1];
    if (arg.startsWith("--pgdata=")) return arg.slice("--pgdata=".length);
    if (arg.startsWith("-D") && arg.length > 2) return arg.slice(2);
  }
  return undefined;
}

/**
 * Decides from `postmaster.pid` whether a postmaster for this data dir is running. A pid that is
 * alive counts as ours only when its command line names this data dir; a pid we cannot inspect
 * counts as live, so a cluster we cannot see into is never disturbed.
 */
export async function inspect(dataDir: string): Promise<Inspection> {
  const pidFile = await readPidFile(dataDir);
  if (!pidFile) return { kind: "absent" };
  if (pidFile.pid === 0) {
    return Date.now() - pidFile.modifiedAt < 10_000
      ? { kind: "live", pidFile }
      : { kind: "stale", pidFile, why: "empty" };
  }
  const info = await describeProcess(pidFile.pid);
  switch (info.state) {
    case "gone":
      return { kind: "stale", pidFile, why: "gone" };
    case "zombie":
      return { kind: "stale", pidFile, why: "zombie" };
    case "unknown":
      return { kind: "live", pidFile };
    case "running": {
      const fromArgv = dataDirArgument(info.argv);
      const mentioned =
        fromArgv !== undefined
          ? await sameDir(fromArgv, dataDir)
          : ` ${info.argv.join(" ")} `.includes(` ${path.resolve(dataDir)} `);
      const recorded = pidFile.dataDir === "" || (await sameDir(pidFile.dataDir, dataDir));
      return mentioned && recorded ? { kind: "live", pidFile } : { kind: "stale", pidFile, why: "foreign" };
    }
  }
}
