/**
 * `pnpm bench` (from the root, after the build): runs every benchmark one after the other — never
 * two at once, they would measure each other — each with its reference in the same run, then
 * writes the one report (report/latest.md and latest.json) from every result file.
 *
 *   pnpm bench                         everything, full size (about an hour: dormancy at 10 M)
 *   pnpm bench --only webhook,rest     these; the report reads the others' latest results
 *   pnpm bench --dormancy-accounts 1000000
 *   pnpm bench --quick                 small sizes into quick/ (git-ignored): a smoke run
 *   pnpm bench --report-only           rewrite the report from the result files
 *
 * Ids: vetting, queue, dormancy, exposure, webhook, rest, first-load.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { machine } from "./src/kit.ts";
import { renderMarkdown } from "./src/report.ts";
import { type Section, toSection } from "./src/sections.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");

interface Bench {
  id: string;
  /** The package directory it runs in, from the root. */
  cwd: string;
  script: string;
  args(quick: boolean): string[];
  /** Result files it writes (and the report reads), with the section adapter of each. */
  results(quick: boolean): Array<{ file: string; adapter: string; reproduce?: string }>;
}

const ids = ["vetting", "queue", "dormancy", "exposure", "webhook", "rest", "first-load"] as const;

const Flags = z.object({
  only: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((x) => x.trim()) : [...ids]))
    .pipe(z.array(z.enum(ids, { error: `--only takes ids among: ${ids.join(", ")}` }))),
  quick: z.boolean().default(false),
  reportOnly: z.boolean().default(false),
  dormancyAccounts: z
    .string()
    .regex(/^\d+(,\d+)*$/, "--dormancy-accounts takes account counts separated by commas")
    .optional(),
});

function parseFlags() {
  try {
    const { values } = parseArgs({
      options: {
        only: { type: "string" },
        quick: { type: "boolean" },
        "report-only": { type: "boolean" },
        "dormancy-accounts": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    });
    return Flags.parse({
      only: values.only,
      quick: values.quick,
      reportOnly: values["report-only"],
      dormancyAccounts: values["dormancy-accounts"],
    });
  } catch (error) {
    const message =
      error instanceof z.ZodError ? error.issues.map((i) => i.message).join("\n") : String(error);
    console.error(`${message}\n\n${readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0]}*/`);
    process.exit(64);
  }
}

const flags = parseFlags();
const DEFAULT_DORMANCY = "1000000,10000000";
const QUICK_DORMANCY = "100000";
const dormancyRun = flags.dormancyAccounts ?? (flags.quick ? QUICK_DORMANCY : DEFAULT_DORMANCY);
/** Sizes the report shows: those run now and the default ones (their latest results). */
const dormancyShown = flags.quick
  ? dormancyRun.split(",")
  : [...new Set([...DEFAULT_DORMANCY.split(","), ...dormancyRun.split(",")])].sort(
      (a, b) => Number(a) - Number(b),
    );

const BENCHES: Bench[] = [
  {
    id: "vetting",
    cwd: "packages/services",
    script: "bench/vetting.bench.ts",
    args: () => [],
    results: () => [{ file: "vetting.json", adapter: "vetting" }],
  },
  {
    id: "queue",
    cwd: "packages/services",
    script: "bench/queue.bench.ts",
    args: (quick) => ["--tickets", quick ? "50000" : "1000000", ...(quick ? ["--calls", "100"] : [])],
    results: () => [{ file: "queue.json", adapter: "queue" }],
  },
  {
    id: "dormancy",
    cwd: "packages/services",
    script: "bench/dormancy.bench.ts",
    args: () => ["--accounts", dormancyRun],
    results: () =>
      dormancyShown.map((n) => ({
        file: `dormancy-${n}.json`,
        adapter: "dormancy",
        reproduce: `pnpm bench --only dormancy --dormancy-accounts ${n}${flags.quick ? " --quick" : ""}`,
      })),
  },
  {
    id: "exposure",
    cwd: "packages/jobs",
    script: "bench/exposure.bench.ts",
    args: (quick) => ["--mb", quick ? "64" : "1024"],
    results: () => [{ file: "exposure.json", adapter: "exposure" }],
  },
  {
    id: "webhook",
    cwd: "apps/api",
    script: "bench/webhook.bench.ts",
    args: (quick) => ["--seconds", quick ? "3" : "10", ...(quick ? ["--real-keys", "100"] : [])],
    results: () => [{ file: "webhook.json", adapter: "webhook" }],
  },
  {
    id: "rest",
    cwd: "apps/api",
    script: "bench/rest.bench.ts",
    args: (quick) => (quick ? ["--seconds", "3", "--reports", "100"] : []),
    results: () => [{ file: "rest.json", adapter: "rest" }],
  },
  {
    id: "first-load",
    cwd: "tooling/bench",
    script: "first-load.bench.ts",
    args: () => [],
    results: () => [{ file: "first-load.json", adapter: "first-load" }],
  },
];

const QUICK_DIR = path.join(HERE, "quick");
const resultsDir = (b: Bench) =>
  flags.quick
    ? path.join(QUICK_DIR, "results")
    : path.join(ROOT, b.cwd, b.id === "first-load" ? "results" : "bench/results");

function run(b: Bench): Promise<number> {
  const args = [
    "--conditions=@trustdesk/source",
    b.script,
    ...b.args(flags.quick),
    "--results-dir",
    resultsDir(b),
  ];
  console.error(`\n▶ ${b.id}: node ${args.slice(1).join(" ")} (in ${b.cwd})`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: path.join(ROOT, b.cwd), stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const started = Date.now();
  const failed: string[] = [];
  if (!flags.reportOnly) {
    for (const b of BENCHES.filter((x) => flags.only.includes(x.id as (typeof ids)[number]))) {
      const t0 = Date.now();
      const code = await run(b);
      console.error(
        `◀ ${b.id}: ${code === 0 ? "done" : `FAILED (exit ${code})`} in ${Math.round((Date.now() - t0) / 1000)} s`,
      );
      if (code !== 0) failed.push(b.id);
    }
  }

  const sections: Section[] = [];
  for (const b of BENCHES) {
    for (const { file, adapter, reproduce } of b.results(flags.quick)) {
      const full = path.join(resultsDir(b), file);
      if (!existsSync(full)) continue;
      const command = reproduce ?? `pnpm bench --only ${b.id}${flags.quick ? " --quick" : ""}`;
      sections.push(toSection(b.id, adapter, JSON.parse(readFileSync(full, "utf8")), command));
    }
  }
  const { node, cpus, cpuModel, memoryGb } = machine();
  const report = {
    meta: {
      generatedAt: new Date().toISOString(),
      command: `pnpm bench ${process.argv.slice(2).join(" ")}`.trim(),
      machine: { node, cpus, cpuModel, memoryGb },
    },
    sections,
    failed,
  };
  const dir = flags.quick ? QUICK_DIR : path.join(HERE, "report");
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  const failures = failed.length
    ? `\n**Failed in this run:** ${failed.join(", ")} (their sections show earlier results).\n`
    : "";
  await writeFile(path.join(dir, "latest.md"), renderMarkdown(report) + failures);
  console.error(
    `\nReport: ${path.relative(process.cwd(), path.join(dir, "latest.md"))} (${sections.length} sections) after ${Math.round((Date.now() - started) / 1000)} s.`,
  );
  if (failed.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
