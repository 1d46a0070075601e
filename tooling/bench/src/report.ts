/**
 * The one benchmark report: every section's figures beside their references, as ratios, with the
 * machine, when each section was measured and how to measure it again. Pure: the runner reads the
 * result files and writes what this returns.
 */
import type { ReportRow, Section } from "./sections.ts";

export interface ReportMeta {
  generatedAt: string;
  command: string;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number };
}

export interface Report {
  meta: ReportMeta;
  sections: Section[];
}

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

export function formatRatio(row: Pick<ReportRow, "ratio" | "better">): string {
  if (row.ratio === null) return "—";
  return `×${row.ratio.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function betterText(row: ReportRow): string {
  if (row.better === null) return "";
  return row.better === "lower" ? "lower is better" : "higher is better";
}

function measured(section: Section, meta: ReportMeta): string {
  if (!section.date) return "not measured yet";
  const day = section.date.slice(0, 10);
  const load = section.loadAverage ? `, load average ${section.loadAverage.join(" / ")}` : "";
  const earlier = day < meta.generatedAt.slice(0, 10) ? " (earlier than this report)" : "";
  return `measured ${section.date.slice(0, 16).replace("T", " ")} UTC${earlier}${load}`;
}

export function renderMarkdown(report: Report): string {
  const { meta, sections } = report;
  const m = meta.machine;
  const lines = [
    "# Trustdesk benchmark report",
    "",
    `Written ${meta.generatedAt.slice(0, 16).replace("T", " ")} UTC by \`${meta.command}\` on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GiB, Node ${m.node}.`,
    "",
    "Every figure of ours stands beside its reference, measured in the same run of the same benchmark on",
    "the same machine; the ratio is ours ÷ reference, and the last column says which way is better.",
    "Load generator, server and PostgreSQL share the machine over loopback; these machines are shared,",
    "so each section gives its load average. Regenerate with `pnpm bench` (everything; about an hour",
    "with 10,000,000 accounts) or `pnpm bench --only <ids>` (the others are read from their latest results).",
    "",
    "| benchmark | ours ÷ reference | measured |",
    "| --- | --- | --- |",
    ...sections.map((s) => {
      const ratios = s.rows.filter((r) => r.ratio !== null).map((r) => r.ratio as number);
      const range =
        ratios.length === 0
          ? "—"
          : ratios.length === 1
            ? formatRatio({ ratio: ratios[0] as number, better: null })
            : `${formatRatio({ ratio: Math.min(...ratios), better: null })} … ${formatRatio({ ratio: Math.max(...ratios), better: null })}`;
      const directions = new Set(s.rows.filter((r) => r.ratio !== null).map((r) => r.better));
      const direction = directions.size === 1 ? ` (${[...directions][0]} is better)` : "";
      return `| [${cell(s.title)}](#${anchor(s.title)}) | ${range}${ratios.length ? direction : ""} | ${s.date ? s.date.slice(0, 10) : "—"} |`;
    }),
    "",
  ];
  for (const s of sections) {
    lines.push(
      `## ${s.title}`,
      "",
      `${measured(s, meta)}. Reproduce: \`${s.command || `pnpm bench --only ${s.id}`}\`.`,
      "",
    );
    if (s.rows.length) {
      lines.push("| figure | ours | reference | ratio | |", "| --- | --- | --- | ---: | --- |");
      for (const r of s.rows) {
        lines.push(
          `| ${cell(r.figure)} | ${cell(r.ours)} | ${cell(r.reference)} | ${formatRatio(r)} | ${betterText(r)} |`,
        );
      }
      lines.push("");
    }
    for (const note of s.notes) lines.push(note, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped. */
export function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replaceAll(" ", "-");
}
