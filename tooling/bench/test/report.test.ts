import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BenchFlagsError, parseBenchFlags, positiveInt } from "../src/kit.ts";
import { anchor, renderMarkdown } from "../src/report.ts";
import { toSection } from "../src/sections.ts";

const machine = { loadAverage: [1.2, 1.5, 2] };

describe("benchmark flags", () => {
  const shape = { tickets: positiveInt(1000), resultsDir: z.string().default("results") };

  it("reads kebab-case flags into camelCase settings, with defaults", () => {
    expect(parseBenchFlags(shape, ["--results-dir", "/tmp/x"])).toEqual({
      tickets: 1000,
      resultsDir: "/tmp/x",
    });
    expect(parseBenchFlags(shape, ["--tickets", "50000"]).tickets).toBe(50_000);
  });

  it("names the flag of a bad value and lists the known flags for an unknown one", () => {
    expect(() => parseBenchFlags(shape, ["--tickets", "many"])).toThrow(/--tickets: must be a whole number/);
    expect(() => parseBenchFlags(shape, ["--tickets", "-5"])).toThrow(BenchFlagsError);
    expect(() => parseBenchFlags(shape, ["--ticket", "5"])).toThrow(/known flags: --tickets, --results-dir/);
  });
});

describe("report sections", () => {
  it("puts a dormancy run beside its floor as ours ÷ floor", () => {
    const s = toSection("dormancy", "dormancy", {
      date: "2026-11-29T23:25:25.116Z",
      command: "pnpm bench:dormancy --accounts 1000000",
      machine,
      accounts: 1_000_000,
      table: {
        "floor: one hand-written statement": { "wall s": 20, note: "best of 2" },
        "ours, dry run (selection only)": { "wall s": 21 },
        "ours, real run (selection + writes)": { "wall s": 50 },
      },
    });
    expect(s.title).toBe("Dormancy scan, 1,000,000 accounts");
    expect(s.rows.map((r) => [r.ratio, r.better])).toEqual([
      [1.05, "lower"],
      [2.5, "lower"],
    ]);
    expect(s.rows[0]?.reference).toBe("20 s, one hand-written statement");
    expect(s.loadAverage).toEqual([1.2, 1.5, 2]);
  });

  it("compares throughput the other way round: higher is better", () => {
    const loop = (perSecond: number) => ({ perSecond, p50Ms: 10, p99Ms: 30, n: 100 });
    const s = toSection("webhook", "webhook", {
      date: "2026-11-30T01:00:00.000Z",
      machine,
      verifyPerSecond: 12_000,
      setup: { concurrency: 16 },
      unknownTokens: loop(500),
      floorUnknownTokens: loop(2000),
      realKeys: loop(140),
    });
    expect(s.rows[0]).toMatchObject({ ratio: 0.25, better: "higher" });
    expect(s.rows[1]).toMatchObject({ ratio: null, reference: "—" });
  });

  it("turns a result file of an older shape into a section that says to run it again", () => {
    const s = toSection("webhook", "webhook", { date: "2026-11-29T00:00:00.000Z", reportsPerSecond: 11 });
    expect(s.rows).toEqual([]);
    expect(s.notes.join(" ")).toMatch(/run this benchmark again/);
  });

  it("reads every first-load app against the minimal page", () => {
    const s = toSection("first-load", "first-load", {
      date: "2026-11-30T01:00:00.000Z",
      machine,
      floor: { jsGzipKb: 68 },
      apps: {
        "customer portal": { jsGzipKb: 119, files: 7 },
        "agent dashboard": { jsGzipKb: 136, files: 5 },
      },
    });
    expect(s.rows.map((r) => r.ratio)).toEqual([1.75, 2]);
  });
});

describe("the report", () => {
  const meta = {
    generatedAt: "2026-11-30T02:00:00.000Z",
    command: "pnpm bench --only rest",
    machine: { node: "v24.21.0", cpus: 2, cpuModel: "AMD EPYC", memoryGb: 24 },
  };
  const section = (date: string) =>
    toSection("dormancy", "dormancy", {
      date,
      command: "pnpm bench:dormancy",
      machine,
      accounts: 1000,
      table: { "floor: one statement": { "wall s": 2 }, "ours, dry run": { "wall s": 3 } },
    });

  it("shows each ratio, the machine and when each section was measured", () => {
    const md = renderMarkdown({ meta, sections: [section("2026-11-30T01:00:00.000Z")] });
    expect(md).toContain("2 × AMD EPYC, 24 GiB, Node v24.21.0");
    expect(md).toContain("| ours, dry run | 3 s | 2 s, one statement | ×1.50 | lower is better |");
    expect(md).toContain("load average 1.2 / 1.5 / 2");
    expect(md).not.toContain("earlier than this report");
    expect(md).toContain(`](#${anchor("Dormancy scan, 1,000 accounts")})`);
  });

  it("marks sections carried over from an earlier run", () => {
    const md = renderMarkdown({ meta, sections: [section("2026-11-29T01:00:00.000Z")] });
    expect(md).toContain("(earlier than this report)");
  });
});
