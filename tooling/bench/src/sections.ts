/**
 * From each benchmark's result file to the rows of the report: every figure of ours beside the
 * reference measured in the same run, and their ratio (ours ÷ reference) with the direction that is
 * better. The result files are the benchmarks' own (their shapes are read loosely with zod: a file
 * in an older shape becomes a section that says so instead of failing the report).
 */
import { z } from "zod";

export interface ReportRow {
  figure: string;
  ours: string;
  reference: string;
  /** ours ÷ reference; null when the figure has no reference. */
  ratio: number | null;
  better: "lower" | "higher" | null;
}

export interface Section {
  id: string;
  title: string;
  /** When the figures were measured (ISO), and how to measure them again. */
  date: string;
  command: string;
  loadAverage: number[] | null;
  rows: ReportRow[];
  notes: string[];
}

const Common = z.object({
  date: z.string(),
  command: z.string().default(""),
  machine: z
    .object({ loadAverage: z.array(z.number()).optional() })
    .loose()
    .default({}),
});

const ms = (x: number) => `${x.toLocaleString("en", { maximumFractionDigits: 1 })} ms`;
const num = (x: number, digits = 0) => x.toLocaleString("en", { maximumFractionDigits: digits });
const ratio = (ours: number, reference: number) =>
  reference > 0 ? Math.round((ours / reference) * 100) / 100 : null;

type Adapter = (json: unknown) => Pick<Section, "title" | "rows" | "notes">;

const P50P99 = z.object({ p50Ms: z.number(), p99Ms: z.number() }).loose();

const vetting: Adapter = (json) => {
  const r = z
    .object({
      engine: z.object({ decisionsPerSecond: z.number() }).loose(),
      gatherAndEvaluate: z.object({
        sequential: z.object({ decisionsPerSecond: z.number(), p50Ms: z.number() }).loose(),
        concurrent: z.object({ decisionsPerSecond: z.number(), concurrency: z.number() }).loose(),
      }),
      signUpLatency: z.record(z.string(), P50P99),
    })
    .parse(json);
  const off = r.signUpLatency.off;
  const rows: ReportRow[] = [
    {
      figure: "policy engine alone (evaluateSignup)",
      ours: `${num(r.engine.decisionsPerSecond)} decisions/s`,
      reference: "—",
      ratio: null,
      better: null,
    },
    {
      figure: `lists + loopback DNS + velocity query + engine, 1 at a time / ${r.gatherAndEvaluate.concurrent.concurrency} in flight`,
      ours: `${num(r.gatherAndEvaluate.sequential.decisionsPerSecond)} / ${num(r.gatherAndEvaluate.concurrent.decisionsPerSecond)} decisions/s`,
      reference: "—",
      ratio: null,
      better: null,
    },
  ];
  if (off) {
    for (const [variant, label] of [
      ["on_approve", "approved"],
      ["on_review", "sent to review"],
    ] as const) {
      const v = r.signUpLatency[variant];
      if (!v) continue;
      rows.push(
        {
          figure: `sign-up with vetting (${label}), p50`,
          ours: ms(v.p50Ms),
          reference: `${ms(off.p50Ms)} with vetting off`,
          ratio: ratio(v.p50Ms, off.p50Ms),
          better: "lower",
        },
        {
          figure: `sign-up with vetting (${label}), p99`,
          ours: ms(v.p99Ms),
          reference: `${ms(off.p99Ms)} with vetting off`,
          ratio: ratio(v.p99Ms, off.p99Ms),
          better: "lower",
        },
      );
    }
  }
  return { title: "Sign-up vetting", rows, notes: ["Sign-ups with production argon2 parameters."] };
};

const queue: Adapter = (json) => {
  const r = z
    .object({
      setup: z.object({ tickets: z.number(), clients: z.number() }).loose(),
      seeding: z.object({ totalSeconds: z.number(), size: z.string().optional() }).loose(),
      scenarios: z.record(
        z.string(),
        z
          .object({
            "ours p50 ms": z.number(),
            "ours p99 ms": z.number(),
            "floor p50 ms": z.number(),
            "floor p99 ms": z.number(),
          })
          .loose(),
      ),
    })
    .parse(json);
  return {
    title: `Ticket queue and search, ${num(r.setup.tickets)} tickets`,
    rows: Object.entries(r.scenarios).map(([name, s]) => ({
      figure: `${name} (p50 / p99)`,
      ours: `${ms(s["ours p50 ms"])} / ${ms(s["ours p99 ms"])}`,
      reference: `${ms(s["floor p50 ms"])} / ${ms(s["floor p99 ms"])}`,
      ratio: ratio(s["ours p99 ms"], s["floor p99 ms"]),
      better: "lower" as const,
    })),
    notes: [
      `${r.setup.clients} clients at once; reference: the raw index-ordered query for the same rows through pg; ratio on p99.`,
      `Seeded in ${num(r.seeding.totalSeconds)} s${r.seeding.size ? ` (${r.seeding.size})` : ""}.`,
    ],
  };
};

const dormancy: Adapter = (json) => {
  const r = z
    .object({
      accounts: z.number(),
      table: z.record(z.string(), z.object({ "wall s": z.number(), note: z.string().optional() }).loose()),
    })
    .parse(json);
  const entries = Object.entries(r.table);
  const floor = entries.find(([name]) => name.startsWith("floor"));
  if (!floor) throw new Error("no floor row");
  return {
    title: `Dormancy scan, ${num(r.accounts)} accounts`,
    rows: entries
      .filter(([name]) => name !== floor[0])
      .map(([name, row]) => ({
        figure: `${name}${row.note ? ` — ${row.note}` : ""}`,
        ours: `${num(row["wall s"], 1)} s`,
        reference: `${num(floor[1]["wall s"], 1)} s, ${floor[0].replace(/^floor: /, "")}`,
        ratio: ratio(row["wall s"], floor[1]["wall s"]),
        better: "lower" as const,
      })),
    notes: [floor[1].note ? `Reference: ${floor[1].note}.` : ""].filter(Boolean),
  };
};

const exposure: Adapter = (json) => {
  const Tool = z
    .object({
      tool: z.string(),
      megabytesPerSecond: z.number(),
      recall: z.number(),
      falsePositives: z.number(),
    })
    .loose();
  const r = z
    .object({
      corpus: z.object({ megabytes: z.number(), plantedKeys: z.number(), nearMisses: z.number() }).loose(),
      tools: z.array(Tool),
      pipeline: z.object({ megabytesPerSecond: z.number() }).loose().optional(),
    })
    .parse(json);
  const ours = r.tools.find((t) => t.tool.startsWith("trustdesk"));
  if (!ours) throw new Error("no row of ours");
  const quality = (t: z.infer<typeof Tool>) =>
    `${num(t.recall * 100, 1)} % found, ${num(t.falsePositives)} false positives`;
  return {
    title: `Exposure scan, ${num(r.corpus.megabytes)} MB`,
    rows: [
      ...r.tools
        .filter((t) => t !== ours)
        .map((t) => ({
          figure: `key scanner against ${t.tool}`,
          ours: `${num(ours.megabytesPerSecond)} MB/s (${quality(ours)})`,
          reference: `${num(t.megabytesPerSecond)} MB/s (${quality(t)})`,
          ratio: ratio(ours.megabytesPerSecond, t.megabytesPerSecond),
          better: "higher" as const,
        })),
      ...(r.pipeline
        ? [
            {
              figure: "whole scan (sources, hits matched in PostgreSQL, exposures recorded)",
              ours: `${num(r.pipeline.megabytesPerSecond)} MB/s`,
              reference: `${num(ours.megabytesPerSecond)} MB/s, the key scanner alone`,
              ratio: ratio(r.pipeline.megabytesPerSecond, ours.megabytesPerSecond),
              better: "higher" as const,
            },
          ]
        : []),
    ],
    notes: [
      `${num(r.corpus.plantedKeys)} planted keys and ${num(r.corpus.nearMisses)} near misses (glued, too short, too long, wrong alphabet).`,
    ],
  };
};

const Loop = z.object({ perSecond: z.number(), p50Ms: z.number(), p99Ms: z.number(), n: z.number() }).loose();

const webhook: Adapter = (json) => {
  const r = z
    .object({
      verifyPerSecond: z.number(),
      unknownTokens: Loop,
      floorUnknownTokens: Loop,
      realKeys: Loop,
      setup: z.object({ concurrency: z.number() }).loose(),
    })
    .parse(json);
  return {
    title: "Secret-scanning webhook",
    rows: [
      {
        figure: "reports of tokens that are not ours (the common case), reports/s",
        ours: `${num(r.unknownTokens.perSecond)}/s (p50 ${ms(r.unknownTokens.p50Ms)}, p99 ${ms(r.unknownTokens.p99Ms)})`,
        reference: `${num(r.floorUnknownTokens.perSecond)}/s (p50 ${ms(r.floorUnknownTokens.p50Ms)}, p99 ${ms(r.floorUnknownTokens.p99Ms)}), bare node:http: verify + one pg look-up`,
        ratio: ratio(r.unknownTokens.perSecond, r.floorUnknownTokens.perSecond),
        better: "higher",
      },
      {
        figure: "reports of real keys (revoke, enforce, case, mail), reports/s",
        ours: `${num(r.realKeys.perSecond)}/s (p50 ${ms(r.realKeys.p50Ms)}, p99 ${ms(r.realKeys.p99Ms)})`,
        reference: "—",
        ratio: null,
        better: null,
      },
    ],
    notes: [
      `${r.setup.concurrency} in flight; ECDSA P-256 verification alone: ${num(r.verifyPerSecond)}/s on one core.`,
    ],
  };
};

const rest: Adapter = (json) => {
  const r = z
    .object({
      ingest: z.object({
        batchSize: z.number(),
        ours: Loop.extend({ eventsPerSecond: z.number() }),
        floor: Loop.extend({ eventsPerSecond: z.number() }),
      }),
      compromise: z.object({ accounts: z.number(), ours: Loop, floor: Loop }),
      problems: z.array(z.string()).default([]),
    })
    .parse(json);
  const { ingest, compromise } = r;
  return {
    title: "REST ingest and compromise report",
    rows: [
      {
        figure: `activity ingest, batches of ${ingest.batchSize}, events/s`,
        ours: `${num(ingest.ours.eventsPerSecond)}/s (p50 ${ms(ingest.ours.p50Ms)} a batch)`,
        reference: `${num(ingest.floor.eventsPerSecond)}/s (p50 ${ms(ingest.floor.p50Ms)}), bare pg multi-row INSERT into the same table`,
        ratio: ratio(ingest.ours.eventsPerSecond, ingest.floor.eventsPerSecond),
        better: "higher",
      },
      {
        figure: "compromise report → account suspended, p50",
        ours: ms(compromise.ours.p50Ms),
        reference: `${ms(compromise.floor.p50Ms)}, the bare suspension as one pg transaction`,
        ratio: ratio(compromise.ours.p50Ms, compromise.floor.p50Ms),
        better: "lower",
      },
      {
        figure: "compromise report → account suspended, p99",
        ours: ms(compromise.ours.p99Ms),
        reference: ms(compromise.floor.p99Ms),
        ratio: ratio(compromise.ours.p99Ms, compromise.floor.p99Ms),
        better: "lower",
      },
    ],
    notes: [
      `Ours: HTTP, token, validation, the ledger and the daily rollups in one transaction. A report answers once the account is suspended (sessions revoked, keys disabled, case opened, mail written), ${num(compromise.accounts)} reports one after the other.`,
      ...(r.problems.length
        ? [`Problems: ${r.problems.join("; ")}`]
        : ["Checked in SQL: nothing lost, every reported account suspended."]),
    ],
  };
};

const firstLoad: Adapter = (json) => {
  const r = z
    .object({
      floor: z.object({ jsGzipKb: z.number() }).loose(),
      apps: z.record(z.string(), z.object({ jsGzipKb: z.number(), files: z.number() }).loose()),
      counted: z.string().optional(),
    })
    .parse(json);
  return {
    title: "SPA first-load JavaScript",
    rows: Object.entries(r.apps).map(([name, a]) => ({
      figure: `${name}, gzip`,
      ours: `${num(a.jsGzipKb, 1)} kB in ${a.files} files`,
      reference: `${num(r.floor.jsGzipKb, 1)} kB, a minimal Vite + React page built the same way`,
      ratio: ratio(a.jsGzipKb, r.floor.jsGzipKb),
      better: "lower" as const,
    })),
    notes: [`Counted: ${r.counted ?? "entry script and modulepreloads"}. Goal: at most 2× the floor.`],
  };
};

export const ADAPTERS: Record<string, Adapter> = {
  vetting,
  queue,
  dormancy,
  exposure,
  webhook,
  rest,
  "first-load": firstLoad,
};

/**
 * One result file → its section; a file the adapter cannot read becomes a section saying so.
 * `reproduce` (the runner's command for this result) replaces the command the file recorded.
 */
export function toSection(id: string, adapterId: string, json: unknown, reproduce?: string): Section {
  const common = Common.safeParse(json);
  const base = {
    id,
    date: common.success ? common.data.date : "",
    command: reproduce ?? (common.success ? common.data.command : ""),
    loadAverage: common.success ? (common.data.machine.loadAverage ?? null) : null,
  };
  const adapter = ADAPTERS[adapterId];
  try {
    if (!adapter) throw new Error(`no adapter ${adapterId}`);
    return { ...base, ...adapter(json) };
  } catch {
    return {
      ...base,
      title: id,
      rows: [],
      notes: ["This result file is in an older shape than the report reads: run this benchmark again."],
    };
  }
}
