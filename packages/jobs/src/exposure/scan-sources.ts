import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, opendir, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { type ExposureVerdict, matchApiKey, recordExposure, type ServiceDeps } from "@trustdesk/services";
import { DEFAULT_SCAN_BUFFER_BYTES, type KeyHit, KeyScanner } from "./key-scanner.ts";

/** What `exposure-scan` reads: a path (file, directory or git repository), a URL, or stdin (`-`). */
export type ScanSource =
  | { kind: "path"; path: string }
  /** `git:<path>`: the repository's whole history even where the path is not a work tree's top. */
  | { kind: "git"; path: string }
  /** `dir:<path>`: the files only, even in a git work tree. */
  | { kind: "directory"; path: string }
  | { kind: "url"; url: string }
  | { kind: "stdin" };

export function parseScanSource(arg: string): ScanSource {
  if (arg === "-") return { kind: "stdin" };
  if (/^https?:\/\//i.test(arg)) return { kind: "url", url: arg };
  if (arg.startsWith("git:")) return { kind: "git", path: arg.slice(4) };
  if (arg.startsWith("dir:")) return { kind: "directory", path: arg.slice(4) };
  return { kind: "path", path: arg };
}

export interface ScanProgress {
  source: string;
  bytes: number;
  elapsedMs: number;
  keyShaped: number;
  matched: number;
}

export interface ScanSummary {
  bytes: number;
  seconds: number;
  megabytesPerSecond: number;
  /** Files, URLs, git objects and stdin read. */
  documents: number;
  /** Every string of our key format found (issued or not, counted each time it appears). */
  keyShaped: number;
  /** Distinct keys we issued among them. */
  matchedKeys: number;
  /** Keys revoked by this scan (the others were already revoked). */
  revocations: number;
  /** Exposures recorded for the first time (a re-run of the same scan records none). */
  newExposures: number;
  failures: Array<{ source: string; message: string }>;
}

export interface ScanOptions {
  /** Where `-` reads from (the CLI passes process.stdin; packages never touch the process). */
  stdin?: Readable;
  onProgress?: (progress: ScanProgress) => void;
  /** At most one progress call per this many ms (default 250). */
  progressIntervalMs?: number;
  bufferBytes?: number;
  /** How long an HTTP source may take to answer with its headers (default 30 s). */
  httpHeadersTimeoutMs?: number;
}

const ACTOR = { type: "service" as const, name: "exposure-scan" };
/** Key-shaped strings with a known id but a wrong secret are remembered (by hash) up to this many. */
const UNKNOWN_CACHE_LIMIT = 100_000;

/**
 * Scans sources for our API keys with constant memory and sends every key we issued through
 * `recordExposure` (revoke, record, enforce, mail). A key-shaped string that matches no key is
 * counted, never stored; the full key is held only in memory, never logged. Runs as a CLI command
 * today and as a job later (the caller passes deps, the sources and a progress callback).
 */
export async function scanSources(
  deps: ServiceDeps,
  sources: ScanSource[],
  options: ScanOptions = {},
): Promise<ScanSummary> {
  const run = new ScanRun(deps, options);
  for (const source of sources) {
    const label = describeSource(source);
    try {
      await run.scanSource(source, label);
    } catch (error) {
      run.failures.push({ source: label, message: (error as Error).message });
    }
  }
  return run.summary();
}

function describeSource(source: ScanSource): string {
  switch (source.kind) {
    case "stdin":
      return "stdin";
    case "url":
      return source.url;
    default:
      return source.path;
  }
}

/** Where a hit is, once its line (and for git, its path) is known. */
type Locate = (hit: KeyHit) => Promise<string>;

class ScanRun {
  readonly failures: ScanSummary["failures"] = [];
  private readonly started = performance.now();
  private lastProgress = 0;
  private documents = 0;
  private keyShaped = 0;
  private revocations = 0;
  private newExposures = 0;
  private readonly matched = new Set<string>();
  private readonly unknown = new Set<string>();
  private readonly pending: KeyHit[] = [];
  private readonly scanner: KeyScanner;
  private linesScanner: KeyScanner | null = null;
  private label = "";
  /** Keys already seen in the current document: a key repeated in one file is one exposure. */
  private readonly inDocument = new Set<string>();
  private readonly deps: ServiceDeps;
  private readonly options: ScanOptions;

  constructor(deps: ServiceDeps, options: ScanOptions) {
    this.deps = deps;
    this.options = options;
    this.scanner = new KeyScanner(
      (hit) => this.pending.push(hit),
      options.bufferBytes ?? DEFAULT_SCAN_BUFFER_BYTES,
      // Files and git blobs can be read again: the rare line of a matched key is found then,
      // instead of counting every newline of every byte.
      false,
    );
  }

  /** A scanner that counts lines as it goes, for input that cannot be read twice (stdin, HTTP). */
  private streamScanner(): KeyScanner {
    this.linesScanner ??= new KeyScanner(
      (hit) => this.pending.push(hit),
      this.options.bufferBytes ?? DEFAULT_SCAN_BUFFER_BYTES,
      true,
    );
    return this.linesScanner;
  }

  summary(): ScanSummary {
    const seconds = (performance.now() - this.started) / 1000;
    const bytes = this.bytes();
    return {
      bytes,
      seconds,
      megabytesPerSecond: seconds > 0 ? bytes / 1e6 / seconds : 0,
      documents: this.documents,
      keyShaped: this.keyShaped,
      matchedKeys: this.matched.size,
      revocations: this.revocations,
      newExposures: this.newExposures,
      failures: this.failures,
    };
  }

  private bytes(): number {
    return this.scanner.bytesScanned + (this.linesScanner?.bytesScanned ?? 0);
  }

  private progress(force = false): void {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    const now = performance.now();
    if (!force && now - this.lastProgress < (this.options.progressIntervalMs ?? 250)) return;
    this.lastProgress = now;
    onProgress({
      source: this.label,
      bytes: this.bytes(),
      elapsedMs: now - this.started,
      keyShaped: this.keyShaped,
      matched: this.matched.size,
    });
  }

  async scanSource(source: ScanSource, label: string): Promise<void> {
    this.label = label;
    switch (source.kind) {
      case "stdin": {
        if (!this.options.stdin) throw new Error("no standard input to read");
        await this.scanStream(this.options.stdin, (hit) => Promise.resolve(`stdin line ${hit.line}`));
        break;
      }
      case "url":
        await this.scanUrl(source.url);
        break;
      case "git":
        await this.scanGit(source.path);
        break;
      case "directory":
        await this.scanDirectory(source.path, false);
        break;
      case "path": {
        const info = await stat(source.path);
        if (info.isDirectory()) await this.scanDirectory(source.path, true);
        else await this.scanFile(source.path);
        break;
      }
    }
    this.progress(true);
  }

  /** A directory, recursively; a git work tree's top (or a bare repository) means its history. */
  private async scanDirectory(path: string, gitAware: boolean): Promise<void> {
    if (gitAware && (await isGitRepository(path))) {
      await this.scanGit(path);
      return;
    }
    const dir = await opendir(path);
    for await (const entry of dir) {
      const child = join(path, entry.name);
      // Symbolic links are not followed (a link loop would never end); .git holds compressed objects.
      if (entry.isDirectory()) {
        if (entry.name !== ".git") await this.scanDirectory(child, false);
      } else if (entry.isFile()) {
        try {
          await this.scanFile(child);
        } catch (error) {
          this.failures.push({ source: child, message: (error as Error).message });
        }
      }
    }
  }

  /** A file, read into the scanner's one buffer in place. */
  private async scanFile(path: string): Promise<void> {
    const scanner = this.scanner;
    const file = await open(path);
    const locate: Locate = async (hit) =>
      `${path} line ${await lineInStream(createReadStream(path, { end: hit.offset }), hit.offset)}`;
    this.startDocument();
    try {
      for (;;) {
        const { bytesRead } = await file.read(scanner.buffer, scanner.freeOffset, scanner.freeLength, null);
        if (bytesRead === 0) break;
        scanner.commit(bytesRead);
        await this.drain(locate);
        this.progress();
      }
      scanner.end();
      await this.drain(locate);
    } finally {
      await file.close();
    }
  }

  private async scanUrl(url: string): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.httpHeadersTimeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: "follow" });
    } catch (error) {
      throw new Error(
        controller.signal.aborted ? "no answer in time" : `could not fetch: ${(error as Error).message}`,
      );
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`the server answered ${response.status}`);
    }
    await this.scanStream(response.body, (hit) => Promise.resolve(`${url} line ${hit.line}`));
  }

  /** A stream that cannot be read twice: lines are counted as it goes. */
  private async scanStream(stream: AsyncIterable<Uint8Array>, locate: Locate): Promise<void> {
    const scanner = this.streamScanner();
    this.startDocument();
    for await (const chunk of stream) {
      scanner.write(chunk);
      await this.drain(locate);
      this.progress();
    }
    scanner.end();
    await this.drain(locate);
  }

  /**
   * Every object of the repository's history once (`git cat-file --batch-all-objects --batch`:
   * blobs of every branch, tag and stash, and unreachable ones), each as its own document. Paths are
   * looked up afterwards, only for the blobs that held a key we issued.
   */
  private async scanGit(path: string): Promise<void> {
    const repo = path;
    const found: Array<{ key: string; sha: string; type: string; offset: number }> = [];
    const git = spawn("git", ["-C", repo, "cat-file", "--batch-all-objects", "--batch"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = processExit(git);
    const scanner = this.scanner;
    let header = "";
    let remaining = -1; // bytes of the current object still to come; -1: reading a header
    let scanning = false;
    let current = { sha: "", type: "" };
    // Hits are matched here (read-only), and the matched ones kept until their paths are known.
    const keep: Locate = async (hit) => {
      found.push({ key: hit.key, sha: current.sha, type: current.type, offset: hit.offset });
      return "";
    };
    for await (const chunk of git.stdout as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        if (remaining < 0) {
          const nl = chunk.indexOf(0x0a, at);
          header += chunk.toString("latin1", at, nl < 0 ? chunk.length : nl);
          if (nl < 0) break;
          at = nl + 1;
          const [sha = "", type = "", size = "0"] = header.split(" ");
          header = "";
          current = { sha, type };
          remaining = Number(size);
          // Trees hold names and hashes, not content; blobs, commits (messages) and tags are read.
          scanning = type !== "tree";
          if (scanning) this.startDocument();
          continue;
        }
        if (remaining === 0) {
          // The newline after each object's content.
          at += 1;
          remaining = -1;
          if (scanning) {
            scanner.end();
            await this.drainMatched(keep);
          }
          continue;
        }
        const n = Math.min(remaining, chunk.length - at);
        if (scanning) scanner.write(chunk.subarray(at, at + n));
        at += n;
        remaining -= n;
        if (scanning) await this.drainMatched(keep);
      }
      this.progress();
    }
    const code = await exited;
    if (code !== 0) throw new Error(`git cat-file failed (exit ${code}): is ${repo} a git repository?`);
    if (found.length === 0) return;
    const paths = await blobPaths(repo, new Set(found.map((f) => f.sha)));
    for (const f of found) {
      const line = await lineInStream(gitObject(repo, f.sha), f.offset);
      const where =
        f.type === "blob"
          ? paths.has(f.sha)
            ? `${paths.get(f.sha)} line ${line} (blob ${f.sha.slice(0, 12)})`
            : `unreachable blob ${f.sha.slice(0, 12)} line ${line}`
          : `${f.type} ${f.sha.slice(0, 12)} line ${line}`;
      await this.record(f.key, `${repo}: ${where}`);
    }
  }

  private startDocument(): void {
    this.documents += 1;
    this.inDocument.clear();
  }

  /** Processes the hits of the last read: count, match, record. */
  private async drain(locate: Locate): Promise<void> {
    await this.drainMatched(async (hit) => {
      await this.record(hit.key, await locate(hit));
      return "";
    });
  }

  /** Counts every hit; hands the ones that match an issued key (read-only check) to `onMatch`. */
  private async drainMatched(onMatch: Locate): Promise<void> {
    if (this.pending.length === 0) return;
    const hits = this.pending.splice(0);
    // One query per read for the public ids: most key-shaped strings are not ours and cost no more.
    const ids = [...new Set(hits.map((h) => h.key.slice(3, 25)))];
    const known = new Set<string>();
    for (let at = 0; at < ids.length; at += 1000) {
      const rows = await this.deps.db
        .selectFrom("api_keys")
        .select("key_id")
        .where("key_id", "in", ids.slice(at, at + 1000))
        .execute();
      for (const r of rows) known.add(r.key_id);
    }
    for (const hit of hits) {
      this.keyShaped += 1;
      if (!known.has(hit.key.slice(3, 25))) continue;
      const digest = createHash("sha256").update(hit.key).digest("base64");
      if (this.unknown.has(digest) || this.inDocument.has(digest)) continue;
      const key = await matchApiKey(this.deps.db, hit.key);
      if (!key) {
        if (this.unknown.size < UNKNOWN_CACHE_LIMIT) this.unknown.add(digest);
        continue;
      }
      this.inDocument.add(digest);
      await onMatch(hit);
    }
  }

  private async record(candidate: string, location: string): Promise<void> {
    const verdict: ExposureVerdict = await recordExposure(this.deps, ACTOR, null, {
      candidate,
      source: "exposure_scan",
      location,
      foundAt: this.deps.now(),
    });
    if (verdict.status !== "revoked" && verdict.status !== "already_revoked") return;
    this.matched.add(verdict.apiKeyId);
    if (verdict.status === "revoked") this.revocations += 1;
    if (verdict.newExposure) this.newExposures += 1;
  }
}

async function isGitRepository(path: string): Promise<boolean> {
  const has = async (p: string) =>
    stat(join(path, p)).then(
      () => true,
      () => false,
    );
  // A work tree's top: .git is a repository (HEAD inside) or, for linked work trees, a file.
  const dotGit = await stat(join(path, ".git")).catch(() => null);
  if (dotGit?.isFile() || (dotGit?.isDirectory() && (await has(".git/HEAD")))) return true;
  // A bare repository.
  return (await has("HEAD")) && (await has("objects")) && (await has("refs"));
}

function processExit(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    child.stderr?.resume();
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

function gitObject(repo: string, sha: string): Readable {
  const child = spawn("git", ["-C", repo, "cat-file", "-p", sha], { stdio: ["ignore", "pipe", "ignore"] });
  return child.stdout;
}

/** The first path each of these blobs has in the history (`git rev-list --all --objects`). */
async function blobPaths(repo: string, shas: Set<string>): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const child = spawn("git", ["-C", repo, "rev-list", "--all", "--objects"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const space = line.indexOf(" ");
    if (space < 0) continue;
    const sha = line.slice(0, space);
    if (shas.has(sha) && !paths.has(sha)) paths.set(sha, line.slice(space + 1));
  }
  return paths;
}

/** 1-based line of byte `offset` in a stream: the newlines before it, plus one. */
async function lineInStream(stream: Readable, offset: number): Promise<number> {
  let line = 1;
  let seen = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const end = Math.min(chunk.length, offset - seen);
    for (let at = chunk.indexOf(0x0a); at >= 0 && at < end; at = chunk.indexOf(0x0a, at + 1)) line += 1;
    seen += chunk.length;
    if (seen >= offset) {
      stream.destroy();
      break;
    }
  }
  return line;
}
