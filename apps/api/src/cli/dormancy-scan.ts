import { parseArgs } from "node:util";
import {
  addDormancySummary,
  countDormancyScanAccounts,
  DEFAULT_DORMANCY_BATCH_SIZE,
  DEFAULT_DORMANCY_CHUNK_SIZE,
  type DormancyChunkSummary,
  emptyDormancySummary,
  parseAsOfDay,
  planDormancyChunks,
  runDormancyChunk,
  type ServiceDeps,
} from "@trustdesk/services";
import { z } from "zod";
import { progressBar } from "./progress-bar.ts";

export const DORMANCY_SCAN_HELP = `  dormancy-scan [--dry-run] [--as-of YYYY-MM-DD] [--workers N] [--chunk-size N] [--batch-size N]
                 warn idle accounts and deactivate dormant ones (see the README); --dry-run changes nothing`;

const whole = (name: string, max: number) =>
  z.coerce
    .number({ error: `--${name} must be a whole number` })
    .int(`--${name} must be a whole number`)
    .min(1, `--${name} must be at least 1`)
    .max(max, `--${name} must be at most ${max.toLocaleString("en")}`);

const Options = z.object({
  dryRun: z.boolean(),
  asOf: z.string().transform((v, ctx) => {
    try {
      return parseAsOfDay(v);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `--as-of: ${(error as Error).message}` });
      return z.NEVER;
    }
  }),
  workers: whole("workers", 32),
  chunkSize: whole("chunk-size", 10_000_000),
  batchSize: whole("batch-size", 100_000),
});

export class DormancyScanUsageError extends Error {}

/**
 * `pnpm trustdesk dormancy-scan`: plans the chunks and runs them here, `--workers` at a time (the
 * queue's workers run the same chunks when the scan is scheduled), with a progress bar on stderr
 * and the summary on stdout. Stopping it (Ctrl-C, a crash) loses nothing: run it again.
 */
export async function dormancyScan(deps: ServiceDeps, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      "dry-run": { type: "boolean", default: false },
      "as-of": { type: "string" },
      workers: { type: "string", default: "2" },
      "chunk-size": { type: "string", default: String(DEFAULT_DORMANCY_CHUNK_SIZE) },
      "batch-size": { type: "string", default: String(DEFAULT_DORMANCY_BATCH_SIZE) },
    },
  });
  const parsed = Options.safeParse({
    dryRun: values["dry-run"],
    asOf: values["as-of"] ?? deps.now().toISOString().slice(0, 10),
    workers: values.workers,
    chunkSize: values["chunk-size"],
    batchSize: values["batch-size"],
  });
  if (!parsed.success) throw new DormancyScanUsageError(parsed.error.issues.map((i) => i.message).join("\n"));
  const o = parsed.data;

  const started = performance.now();
  const accounts = await countDormancyScanAccounts(deps);
  const chunks = await planDormancyChunks(deps, { chunkSize: o.chunkSize });
  const bar = progressBar(o.dryRun ? "dormancy scan (dry run)" : "dormancy scan", accounts);
  const total = emptyDormancySummary();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(o.workers, chunks.length) }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        if (!chunk) break;
        await runDormancyChunk(deps, chunk, o.asOf, {
          dryRun: o.dryRun,
          batchSize: o.batchSize,
          sampleSize: 50,
          onBatch: (batch) => {
            addDormancySummary(total, batch, 50);
            bar.update(total.counts.scanned);
          },
        });
      }
    }),
  );
  bar.stop();
  console.log(
    describeSummary(total, o, deps.config.dormancy?.warningLeadDays ?? [], performance.now() - started),
  );
  return 0;
}

function describeSummary(
  s: DormancyChunkSummary,
  o: { dryRun: boolean; asOf: string },
  leads: number[],
  ms: number,
): string {
  const n = (x: number) => x.toLocaleString("en").padStart(12);
  const days = (d: number) => `${d} day${d === 1 ? "" : "s"}`;
  const row = (label: string, value: number, more = "") => `  ${label.padEnd(32)}${n(value)}${more}`;
  const would = o.dryRun ? "would be " : "";
  const lines = [
    `Dormancy scan as of ${o.asOf}${o.dryRun ? " (dry run: nothing was changed or sent)" : ""}`,
    row("accounts scanned", s.counts.scanned),
  ];
  for (const lead of [...new Set([...leads, ...Object.keys(s.warned).map(Number)])].sort((a, b) => b - a))
    lines.push(row(`${would}warned ${days(lead)} before`, s.warned[lead] ?? 0));
  lines.push(
    row(`${would}deactivated`, s.deactivated),
    row("warned already, not yet due", s.counts.warned),
    row("active", s.counts.active),
    row(
      "skipped",
      s.counts.exemptClosed + s.counts.exemptRestricted + s.counts.exemptPlan,
      `  (closed ${s.counts.exemptClosed.toLocaleString("en")}, restricted ${s.counts.exemptRestricted.toLocaleString("en")}, plan without dormancy ${s.counts.exemptPlan.toLocaleString("en")})`,
    ),
    `  ${"time".padEnd(32)}${`${(ms / 1000).toFixed(1)} s`.padStart(12)}  (${Math.round(s.counts.scanned / (ms / 1000)).toLocaleString("en")} accounts/s)`,
  );
  if (o.dryRun && s.planned.length > 0) {
    lines.push("", `What it would do (the first ${s.planned.length}):`);
    for (const p of s.planned)
      lines.push(
        p.action === "warn"
          ? `  warn        ${p.accountName} (${p.plan}): ${days(p.leadDays ?? 0)} before deactivation on ${p.deactivateOn}`
          : `  deactivate  ${p.accountName} (${p.plan}): no activity since ${p.lastActivityDay ?? "it was created"}`,
      );
  }
  return lines.join("\n");
}
