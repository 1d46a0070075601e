import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { API_DIST } from "./paths.ts";

/**
 * The embedded PostgreSQL is started detached (it outlives the API by design), so stop it through
 * the API's CLI and remove the run's data directory.
 */
export default function globalTeardown(): void {
  const dataDir = process.env.TRUSTDESK_E2E_DATA_DIR;
  if (!dataDir || !resolve(dataDir).startsWith(join(tmpdir(), "trustdesk-"))) return;
  try {
    execFileSync(process.execPath, [join(API_DIST, "cli/main.js"), "db:stop"], {
      env: { ...process.env, TRUSTDESK_DATA_DIR: dataDir, NODE_ENV: "test", LOG_LEVEL: "warn" },
      stdio: "inherit",
      timeout: 60_000,
    });
  } catch (error) {
    console.warn(`Could not stop the e2e PostgreSQL in ${dataDir}:`, error);
    return;
  }
  rmSync(dataDir, { recursive: true, force: true });
}
