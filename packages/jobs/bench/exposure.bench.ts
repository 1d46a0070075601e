/**
 * Exposure-scan benchmark: MB/s, recall and false positives of our scanner over a generated corpus
 * of code-like text (1 GB by default) with keys planted at known places and near misses, side by
 * side in one run with ripgrep (plain pattern: the practical speed limit; `-P` with the same
 * boundaries: like for like) and secretlint with its SendGrid rule (the npm-ecosystem peer).
 *
 *   pnpm bench                                  (in packages/jobs; 1024 MB)
 *   pnpm bench --mb 128                         (a quick run; `--dir` keeps the corpus elsewhere)
 *
 * ripgrep is a Debian package (`apt-get install -y ripgrep`); without it its rows are skipped.
 * Results: exposure.json and exposure.md in bench/results/ (or `--results-dir`). The corpus is
 * cached in the temp dir.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchFlags } from "@trustdesk/bench/kit";
import { createDb, type Db, migrateToLatest } from "@trustdesk/db";
import { startThrowawayPostgres } from "@trustdesk/db/testing";
import { defaultServiceConfig, type ServiceDeps } from "@trustdesk/services";
import { z } from "zod";
import { KeyScanner } from "../src/exposure/key-scanner.ts";
import { parseScanSource, scanSources } from "../src/exposure/scan-sources.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));

const options = benchFlags({
  mb: z.coerce.number().int().min(16, "at least 16 MB").max(16_384, "at most 16 GB").default(1024),
  dir: z.string().optional(),
  resultsDir: z.string().default(path.join(HERE, "results")),
});
const RESULTS = options.resultsDir;
const FILE_MB = 16;
const KEYS_PER_MB = 4;
const ISSUED = 5;
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const PLAIN = String.raw`SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`;
const BOUNDED = String.raw`(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`;

// ---------------------------------------------------------------------------------------------
// The corpus: 16 MB files of code-like lines; per MB, 4 planted keys and one near miss of each kind.

function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
  };
}

/** The 18 ways a string can look almost like a key; the inner 69 characters (when any) are random. */
const NEAR_MISSES: Array<{ kind: string; make: (id: string, secret: string) => string }> = [
  { kind: "letter glued before", make: (i, s) => `xSG.${i}.${s}` },
  { kind: "digit glued before", make: (i, s) => `7SG.${i}.${s}` },
  { kind: "_ glued before", make: (i, s) => `_SG.${i}.${s}` },
  { kind: "- glued before", make: (i, s) => `-SG.${i}.${s}` },
  { kind: "letter glued after", make: (i, s) => `SG.${i}.${s}Q` },
  { kind: "digit glued after", make: (i, s) => `SG.${i}.${s}4` },
  { kind: "_ glued after", make: (i, s) => `SG.${i}.${s}_` },
  { kind: "- glued after", make: (i, s) => `SG.${i}.${s}-` },
  { kind: "id 21 characters", make: (i, s) => `SG.${i.slice(1)}.${s}` },
  { kind: "id 23 characters", make: (i, s) => `SG.${i}a.${s}` },
  { kind: "secret 42 characters", make: (i, s) => `SG.${i}.${s.slice(1)}` },
  { kind: "secret 44 characters", make: (i, s) => `SG.${i}.${s}b` },
  { kind: "SG- instead of SG.", make: (i, s) => `SG-${i}.${s}` },
  { kind: "Sg. instead of SG.", make: (i, s) => `Sg.${i}.${s}` },
  { kind: ": between the parts", make: (i, s) => `SG.${i}:${s}` },
  { kind: ", between the parts", make: (i, s) => `SG.${i},${s}` },
  { kind: "+ in the secret (base64, not url)", make: (i, s) => `SG.${i}.${s.slice(0, 20)}+${s.slice(21)}` },
  { kind: "/ in the id (base64, not url)", make: (i, s) => `SG.${i.slice(0, 10)}/${i.slice(11)}.${s}` },
];

const CODE = [
  "import { send } from '@mail/client';",
  "export async function deliver(message: Message): Promise<void> {",
  "  const headers = { 'content-type': 'application/json', accept: '*/*' };",
  "  if (!message.to) throw new Error('no recipient');",
  "  MSG.push(message); // queued for SG.send later",
  "  return client.post(`/v3/mail/send`, { body: JSON.stringify(message) });",
  "}",
  "const config = { region: 'eu-west-1', retries: 3, timeoutMs: 2_000 };",
  "// TODO: rotate the credentials in the SG. dashboard every 90 days",
  "  for (const item of items) total += item.quantity * item.price;",
  "describe('templates', () => { it('renders', () => expect(render(t)).toMatchSnapshot()); });",
  "SELECT id, email FROM users WHERE created_at > now() - interval '1 day';",
  'password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"',
  "token = base64.urlsafe_b64encode(os.urandom(32)).decode()  # SG.prefix not a key",
];

interface Manifest {
  mb: number;
  files: string[];
  planted: string[];
  nearMisses: Array<{ kind: string; text: string }>;
}

/** The text files go to `<dir>/corpus`; the manifest (which names the planted keys) stays outside it. */
async function buildCorpus(root: string, mb: number): Promise<Manifest> {
  const manifestPath = path.join(root, "manifest.json");
  const dir = path.join(root, "corpus");
  if (existsSync(manifestPath)) {
    const m = JSON.parse(await readFile(manifestPath, "utf8")) as Manifest;
    if (m.mb === mb) return m;
  }
  await rm(root, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const r = prng(20261129);
  const b64 = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += B64[Math.floor(r(64))];
    return s;
  };
  const planted: string[] = [];
  const nearMisses: Manifest["nearMisses"] = [];
  const files: string[] = [];
  const seps: Array<[string, string]> = [
    ['  apiKey: "', '",'],
    ["SENDGRID_API_KEY=", ""],
    ["    'Authorization': 'Bearer ", "',"],
    ["key = (", ")"],
    ["  # ", " (old)"],
  ];
  const started = performance.now();
  for (let f = 0; f < Math.ceil(mb / FILE_MB); f++) {
    const name = path.join(dir, `part-${String(f).padStart(4, "0")}.txt`);
    const file = await open(name, "w");
    const fileMb = Math.min(FILE_MB, mb - f * FILE_MB);
    for (let m = 0; m < fileMb; m++) {
      const lines: string[] = [];
      let size = 0;
      const specials: string[] = [];
      for (let k = 0; k < KEYS_PER_MB; k++) {
        const key = `SG.${b64(22)}.${b64(43)}`;
        planted.push(key);
        const [a, b] = seps[Math.floor(r(seps.length))] as [string, string];
        specials.push(`${a}${key}${b}`);
      }
      for (const miss of NEAR_MISSES) {
        const text = miss.make(b64(22), b64(43));
        nearMisses.push({ kind: miss.kind, text });
        specials.push(`  value = "${text}";`);
      }
      const every = Math.floor(1_000_000 / 60 / specials.length);
      let n = 0;
      while (size < 1_000_000) {
        const line =
          n % every === every - 1 && specials.length > 0
            ? (specials.pop() as string)
            : (CODE[Math.floor(r(CODE.length))] as string);
        lines.push(line);
        size += line.length + 1;
        n++;
      }
      lines.push(...specials); // any left
      await file.write(`${lines.join("\n")}\n`);
    }
    await file.close();
    files.push(name);
  }
  const manifest: Manifest = { mb, files, planted, nearMisses };
  await writeFile(manifestPath, JSON.stringify(manifest));
  console.log(
    `corpus: ${mb} MB in ${files.length} files, generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return manifest;
}

// ---------------------------------------------------------------------------------------------
// The tools. Each answers the list of strings it reported; recall and false positives follow.

interface ToolRun {
  tool: string;
  seconds: number;
  found: string[];
  note?: string;
}

async function ours(files: string[]): Promise<ToolRun> {
  const found: string[] = [];
  const scanner = new KeyScanner((h) => found.push(h.key), undefined, false);
  const t0 = performance.now();
  for (const name of files) {
    const file = await open(name);
    for (;;) {
      const { bytesRead } = await file.read(scanner.buffer, scanner.freeOffset, scanner.freeLength, null);
      if (bytesRead === 0) break;
      scanner.commit(bytesRead);
    }
    scanner.end();
    await file.close();
  }
  return {
    tool: "trustdesk KeyScanner (FileHandle.read, 4 MiB buffer, indexOf + sticky regex)",
    seconds: (performance.now() - t0) / 1000,
    found,
  };
}

/** The whole command's path: scanSources over the directory, matching every hit in PostgreSQL. */
async function oursWithDatabase(
  dir: string,
  manifest: Manifest,
  db: Db,
): Promise<ToolRun & { summary: unknown }> {
  // A few planted keys are real keys of ours: their public id and the hash of their secret.
  const account = await db
    .insertInto("accounts")
    .values({ name: "Bench", website: null, country: null, signup_ip: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const key of manifest.planted.slice(0, ISSUED)) {
    await db
      .insertInto("api_keys")
      .values({
        account_id: account.id,
        name: "Bench key",
        key_id: key.slice(3, 25),
        secret_hash: createHash("sha256").update(key.slice(26), "utf8").digest(),
        created_by_user_id: null,
        last_used_at: null,
        disabled_at: null,
        created_during_suspension: false,
        revoked_at: null,
        revoked_reason: null,
      })
      .execute();
  }
  const deps: ServiceDeps = {
    db,
    now: () => new Date(),
    config: {
      ...defaultServiceConfig,
      secretKey: randomBytes(32).toString("hex"),
      publicUrl: "http://127.0.0.1",
    },
  };
  const t0 = performance.now();
  const summary = await scanSources(deps, [parseScanSource(`dir:${dir}`)]);
  const seconds = (performance.now() - t0) / 1000;
  return {
    tool: `trustdesk scanSources (every hit matched in PostgreSQL; ${ISSUED} planted keys issued)`,
    seconds,
    found: [],
    summary,
  };
}

function run(cmd: string, args: string[]): Promise<{ stdout: string; code: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ stdout: Buffer.concat(chunks).toString("latin1"), code: code ?? 1 }),
    );
  });
}

function hasRipgrep(): string | null {
  try {
    return execFileSync("rg", ["--version"], { encoding: "utf8" }).split("\n")[0] ?? "rg";
  } catch {
    return null;
  }
}

async function ripgrep(files: string[], pattern: string, pcre: boolean, threads: number): Promise<ToolRun> {
  const t0 = performance.now();
  const { stdout } = await run("rg", [
    "--only-matching",
    "--no-filename",
    "--no-line-number",
    "--no-config",
    "-j",
    String(threads),
    ...(pcre ? ["-P"] : []),
    "-e",
    pattern,
    ...files,
  ]);
  return {
    tool: `ripgrep ${pcre ? "-P with lookaround boundaries" : "plain pattern"}, ${threads} thread${threads > 1 ? "s" : ""}`,
    seconds: (performance.now() - t0) / 1000,
    found: stdout.split("\n").filter(Boolean),
  };
}

async function secretlint(files: string[]): Promise<ToolRun> {
  const bin = path.join(HERE, "..", "node_modules", ".bin", "secretlint");
  const t0 = performance.now();
  const { stdout } = await run(bin, [
    "--secretlintrcJSON",
    JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-sendgrid" }] }),
    "--format",
    "unix",
    "--no-maskSecrets",
    "--no-color",
    "--no-glob",
    "--no-gitignore",
    ...files,
  ]);
  const found = [...stdout.matchAll(/found Sendgrid api key: (\S+)/g)].map((m) => m[1] as string);
  return {
    tool: "secretlint 13.0.6 + @secretlint/secretlint-rule-sendgrid 13.0.4",
    seconds: (performance.now() - t0) / 1000,
    found,
  };
}

// ---------------------------------------------------------------------------------------------

function judge(runResult: ToolRun, manifest: Manifest, bytes: number) {
  const planted = new Set(manifest.planted);
  const inner = new Map<string, string>();
  for (const m of manifest.nearMisses) {
    for (let i = m.text.indexOf("SG"); i >= 0 && i + 69 <= m.text.length; i = m.text.indexOf("SG", i + 1))
      inner.set(m.text.slice(i, i + 69), m.kind);
    inner.set(m.text, m.kind);
  }
  const foundPlanted = new Set(runResult.found.filter((f) => planted.has(f)));
  const falsePositives = runResult.found.filter((f) => !planted.has(f));
  const kinds = new Set(falsePositives.map((f) => inner.get(f) ?? "other"));
  return {
    tool: runResult.tool,
    seconds: round(runResult.seconds, 2),
    megabytesPerSecond: round(bytes / 1e6 / runResult.seconds, 0),
    recall: round(foundPlanted.size / planted.size, 4),
    plantedFound: foundPlanted.size,
    planted: planted.size,
    falsePositives: falsePositives.length,
    nearMissKindsWronglyMatched: `${kinds.size} of ${NEAR_MISSES.length}`,
    kindsWronglyMatched: [...kinds].sort(),
    ...(runResult.note ? { note: runResult.note } : {}),
  };
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  const root = options.dir ?? path.join(os.tmpdir(), `trustdesk-exposure-bench-${options.mb}mb`);
  const manifest = await buildCorpus(root, options.mb);
  const dir = path.join(root, "corpus");
  const files = (await readdir(dir))
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => path.join(dir, f));
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  // Warm the page cache, so every tool reads from memory (the first would pay the disk otherwise).
  await ours(files);

  const rows: ReturnType<typeof judge>[] = [];
  const show = (r: ToolRun) => {
    const j = judge(r, manifest, bytes);
    rows.push(j);
    console.log(
      `${j.tool}: ${j.megabytesPerSecond} MB/s, recall ${j.recall}, false positives ${j.falsePositives}`,
    );
  };
  show(await ours(files));
  const rg = hasRipgrep();
  if (rg) {
    for (const threads of [1, 2]) {
      show(await ripgrep(files, PLAIN, false, threads));
      show(await ripgrep(files, BOUNDED, true, threads));
    }
  } else {
    console.log(
      "ripgrep not found: install the Debian package with `apt-get install -y ripgrep`; its rows are skipped.",
    );
  }
  show(await secretlint(files));

  // The whole path of the command, on a throwaway PostgreSQL.
  const pg = await startThrowawayPostgres({ database: "bench", label: "bench-" });
  let pipeline: Awaited<ReturnType<typeof oursWithDatabase>> | undefined;
  const db = createDb({ connectionString: pg.connectionString, maxConnections: 4, applicationName: "bench" });
  try {
    await migrateToLatest(db);
    pipeline = await oursWithDatabase(dir, manifest, db);
  } finally {
    await db.destroy();
    await pg.stop();
  }
  console.log(`${pipeline.tool}: ${round(bytes / 1e6 / pipeline.seconds, 0)} MB/s`, pipeline.summary);

  const result = {
    benchmark: "exposure scan",
    date: new Date().toISOString(),
    command: `pnpm bench --mb ${options.mb} (in packages/jobs)`,
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      loadAverage: os.loadavg().map((l) => round(l, 1)),
      ripgrep: rg ?? "not installed",
    },
    corpus: {
      megabytes: round(bytes / 1e6, 1),
      files: files.length,
      plantedKeys: manifest.planted.length,
      nearMisses: manifest.nearMisses.length,
      nearMissKinds: NEAR_MISSES.map((n) => n.kind),
      pageCache: "warm (one scan before the measured runs)",
    },
    tools: rows,
    pipeline: {
      tool: pipeline.tool,
      seconds: round(pipeline.seconds, 2),
      megabytesPerSecond: round(bytes / 1e6 / pipeline.seconds, 0),
      summary: pipeline.summary,
    },
  };
  await mkdir(RESULTS, { recursive: true });
  await writeFile(path.join(RESULTS, "exposure.json"), `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    `# Exposure scan benchmark (${result.date.slice(0, 10)})`,
    "",
    `${result.corpus.megabytes} MB of code-like text in ${files.length} files, ${manifest.planted.length} planted keys, ${manifest.nearMisses.length} near misses (${NEAR_MISSES.length} kinds); ${os.cpus().length} cores, load average ${result.machine.loadAverage.join(" / ")}, page cache warm.`,
    "",
    "| tool | MB/s | recall | false positives | near-miss kinds wrongly matched |",
    "| --- | ---: | ---: | ---: | --- |",
    ...rows.map(
      (r) =>
        `| ${r.tool} | ${r.megabytesPerSecond} | ${(r.recall * 100).toFixed(1)} % (${r.plantedFound}/${r.planted}) | ${r.falsePositives} | ${r.nearMissKindsWronglyMatched} |`,
    ),
    `| ${pipeline.tool} | ${result.pipeline.megabytesPerSecond} | — | — | — |`,
    "",
    `The pipeline row: ${JSON.stringify(pipeline.summary)}`,
    "",
  ].join("\n");
  await writeFile(path.join(RESULTS, "exposure.md"), md);
  console.log(`\nwritten: ${path.join(RESULTS, "exposure.json")}, exposure.md`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
