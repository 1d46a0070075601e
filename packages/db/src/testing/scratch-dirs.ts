/**
 * Temp dirs for throwaway clusters, each with an owner file naming the process that made it, so a
 * later run can tell a live run's dir from one left behind by a SIGKILLed run and clean it up.
 */
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { embeddedPostgresStatus, stopEmbeddedPostgres } from "../embedded/index.ts";
import { isPidAlive, isRoot, processStartTime } from "../embedded/processes.ts";

export const SCRATCH_PREFIX = "trustdesk-pg-";
const OWNER_FILE = "owner.json";

/** tmpfs when the machine has one: CREATE DATABASE ... TEMPLATE is ~20x faster there than on disk. */
export function scratchBase(): string {
  return existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir();
}

/** A new temp dir owned by this process (until it exits). */
export async function makeScratchDir(label = ""): Promise<string> {
  const dir = await mkdtemp(path.join(scratchBase(), `${SCRATCH_PREFIX}${label}`));
  await writeFile(
    path.join(dir, OWNER_FILE),
    JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) ?? null }),
  );
  // As root the server runs as `postgres`, which must pass through this 0700 dir.
  if (isRoot()) await chmod(dir, 0o711);
  return dir;
}

/**
 * Scratch dirs whose owner is dead (or whose owner pid now belongs to a younger process): stop
 * every cluster inside, then remove the dir. Dirs of live runs and dirs we cannot read (another
 * user's) are left alone; so is any dir whose cluster would not stop.
 */
export async function reapOrphanedScratchDirs(log: (line: string) => void = () => {}): Promise<void> {
  const base = scratchBase();
  let names: string[];
  try {
    names = (await readdir(base)).filter((name) => name.startsWith(SCRATCH_PREFIX));
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      const dir = path.join(base, name);
      try {
        if (await ownerAlive(dir)) return;
        for (const dataDir of await clusterDirs(dir, 3)) {
          if (await stopEmbeddedPostgres(dataDir, { mode: "immediate", timeoutSeconds: 30 })) {
            log(`stopped the orphaned test cluster in ${dataDir}`);
          }
          if ((await embeddedPostgresStatus(dataDir)).running) return;
        }
        await rm(dir, { recursive: true, force: true });
        log(`removed the orphaned scratch dir ${dir}`);
      } catch {
        // Not ours to judge (permissions), or another run is reaping it right now.
      }
    }),
  );
}

async function ownerAlive(dir: string): Promise<boolean> {
  let owner: { pid?: unknown; startTime?: unknown };
  try {
    owner = JSON.parse(await readFile(path.join(dir, OWNER_FILE), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return true;
    // No owner file yet: a run that is just starting, unless the dir is old.
    const info = await stat(dir).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs < 10 * 60_000;
  }
  if (typeof owner.pid !== "number" || !isPidAlive(owner.pid)) return false;
  if (typeof owner.startTime !== "string") return true;
  const startTime = processStartTime(owner.pid);
  return startTime === undefined || startTime === owner.startTime;
}

/** Data dirs (holding PG_VERSION) at most `depth` levels below `dir`. */
async function clusterDirs(dir: string, depth: number): Promise<string[]> {
  if (existsSync(path.join(dir, "PG_VERSION"))) return [dir];
  if (depth === 0) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.filter((e) => e.isDirectory()).map((e) => clusterDirs(path.join(dir, e.name), depth - 1)),
  );
  return nested.flat();
}
