/**
 * First-load JavaScript of each SPA against the floor: a minimal Vite + React page (minimal-page/)
 * built the same way (Vite 8, @vitejs/plugin-react, production mode, source maps on). First load
 * is what the built `index.html` makes the browser fetch before anything renders: the entry script
 * and every `modulepreload`; page chunks loaded later (code splitting per route) are not counted.
 * Sizes are gzip (zlib default level) of each file, summed.
 *
 *   pnpm bench:first-load            (after `pnpm build`; the root `pnpm bench` builds first)
 */
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { build } from "vite";
import { z } from "zod";
import { benchFlags, machine, round, writeResultFiles } from "./src/kit.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const options = benchFlags({ resultsDir: z.string().default(path.join(HERE, "results")) });

/** The JS and CSS a built index.html loads up front, with raw and gzip sizes in bytes. */
export async function firstLoad(dist: string) {
  const html = await readFile(path.join(dist, "index.html"), "utf8");
  const refs = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1] as string);
  const scripts = [
    ...refs(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ];
  const styles = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  const size = (files: string[]) =>
    files.reduce(
      (sum, f) => {
        // The dashboard is served under /agent/: files live in dist/assets whatever the base.
        const bytes = readFileSync(path.join(dist, f.replace(/^.*?\/?assets\//, "assets/")));
        return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes).length };
      },
      { raw: 0, gzip: 0 },
    );
  return { files: scripts.length, js: size(scripts), css: size(styles) };
}

async function main() {
  const out = await mkdtemp(path.join(os.tmpdir(), "minimal-page-"));
  try {
    await build({
      root: path.join(HERE, "minimal-page"),
      configFile: false,
      logLevel: "warn",
      plugins: [react()],
      build: { outDir: out, sourcemap: true, emptyOutDir: true },
    });
    const floor = await firstLoad(out);
    const apps = {
      "customer portal": await firstLoad(path.join(ROOT, "apps/customer-portal/dist")),
      "agent dashboard": await firstLoad(path.join(ROOT, "apps/agent-dashboard/dist")),
    };
    const kb = (bytes: number) => round(bytes / 1000, 1);
    const rows = Object.fromEntries(
      Object.entries(apps).map(([name, a]) => [
        name,
        {
          files: a.files,
          jsKb: kb(a.js.raw),
          jsGzipKb: kb(a.js.gzip),
          cssGzipKb: kb(a.css.gzip),
          gzipVsFloor: round(a.js.gzip / floor.js.gzip, 2),
        },
      ]),
    );
    const result = {
      benchmark: "SPA first-load JavaScript",
      date: new Date().toISOString(),
      command: "pnpm bench:first-load (in tooling/bench)",
      machine: machine(),
      counted: "entry script + modulepreload links of the built index.html; gzip, zlib default level",
      floor: {
        name: "minimal Vite + React page",
        files: floor.files,
        jsKb: kb(floor.js.raw),
        jsGzipKb: kb(floor.js.gzip),
      },
      apps: rows,
      goal: "at most 2× the floor",
    };
    const md = [
      `# SPA first-load JavaScript (${result.date.slice(0, 10)})`,
      "",
      "| page | files | JS kB | JS gzip kB | CSS gzip kB | gzip ÷ floor |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      `| floor: minimal Vite + React page | ${floor.files} | ${kb(floor.js.raw)} | ${kb(floor.js.gzip)} | — | 1 |`,
      ...Object.entries(rows).map(
        ([n, r]) => `| ${n} | ${r.files} | ${r.jsKb} | ${r.jsGzipKb} | ${r.cssGzipKb} | ${r.gzipVsFloor} |`,
      ),
    ].join("\n");
    const written = await writeResultFiles(options.resultsDir, "first-load", result, md);
    console.log(`${md}\n\nwritten to ${written.join(", ")}`);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
