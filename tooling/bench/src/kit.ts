/**
 * What every benchmark entry point shares: settings taken as command-line flags and validated with
 * zod (a bad value stops the run naming the flag), the machine it ran on, and result files.
 * Benchmarks are executables; they take flags, never read the environment, so `pnpm bench` (the
 * runner in this package) can size every one of them from one place.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

/** `resultsDir` → `--results-dir`. */
export const flagName = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A positive whole number, with a default. */
export const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .positive("must be positive")
    .default(fallback);

export class BenchFlagsError extends Error {}

/**
 * Parses `argv` as `--flag value` pairs for the keys of `shape` (camelCase keys, kebab-case flags).
 * Unknown flags and bad values throw a `BenchFlagsError` whose message names each flag.
 */
export function parseBenchFlags<S extends z.ZodRawShape>(shape: S, argv: string[]): z.infer<z.ZodObject<S>> {
  const keys = Object.keys(shape);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: Object.fromEntries(keys.map((k) => [flagName(k), { type: "string" as const }])),
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const known = keys.map((k) => `--${flagName(k)}`).join(", ");
    throw new BenchFlagsError(`${(error as Error).message}\n  known flags: ${known}`);
  }
  const parsed = z.object(shape).safeParse(Object.fromEntries(keys.map((k) => [k, values[flagName(k)]])));
  if (!parsed.success) {
    throw new BenchFlagsError(
      parsed.error.issues.map((i) => `  --${flagName(String(i.path[0]))}: ${i.message}`).join("\n"),
    );
  }
  return parsed.data;
}

/** `parseBenchFlags` over this process's arguments; a mistake ends the process with status 64. */
export function benchFlags<S extends z.ZodRawShape>(shape: S): z.infer<z.ZodObject<S>> {
  try {
    return parseBenchFlags(shape, process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchFlagsError)) throw error;
    console.error(`Invalid benchmark flags:\n${error.message}`);
    process.exit(64);
  }
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The q-quantile of an ascending list (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The machine a figure was measured on: these machines are shared, so the load average matters. */
export function machine() {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => round(l, 1)),
  };
}

/** Writes <dir>/<name>.json and, when given, <name>.md; returns the paths relative to the cwd. */
export async function writeResultFiles(
  dir: string,
  name: string,
  result: object,
  markdown?: string,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  await writeFile(json, `${JSON.stringify(result, null, 2)}\n`);
  const written = [json];
  if (markdown !== undefined) {
    const md = path.join(dir, `${name}.md`);
    await writeFile(md, `${markdown.trimEnd()}\n`);
    written.push(md);
  }
  return written.map((p) => path.relative(process.cwd(), p));
}
