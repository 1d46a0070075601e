import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScanSource, scanSources } from "../src/exposure/scan-sources.ts";
import { accountWithKey, dumpDatabase, scanDeps, unissuedKey } from "./support/exposure-fixtures.ts";

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), "exposure-scan-"));
});
afterAll(async () => {
  await database.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const exposuresOf = (accountId: string) =>
  database.db
    .selectFrom("credential_exposures")
    .select(["source", "location", "case_id", "enforcement_id"])
    .where("account_id", "=", accountId)
    .execute();

function git(repo: string, ...args: string[]): string {
  return execFileSync("git", ["-C", repo, ...args], {
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.test",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.test",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: dir,
    },
  });
}

describe("exposure scan", () => {
  it("reads files and directories recursively: a key we issued is revoked, recorded with its path and line, enforced and mailed; others are only counted", async () => {
    const deps = scanDeps(database.db);
    const acct = await accountWithKey(database.db);
    const stranger = unissuedKey("stranger");
    const tree = join(dir, "tree");
    mkdirSync(join(tree, "src", "deep"), { recursive: true });
    mkdirSync(join(tree, ".git"), { recursive: true });
    // A .git folder inside a directory walk (not a repository's top here: no HEAD/objects) is skipped.
    writeFileSync(join(tree, ".git", "config"), `key = ${unissuedKey("ingit")}\n`);
    writeFileSync(
      join(tree, "src", "deep", "config.js"),
      `// settings\nconst other = "${stranger}";\nconst key = "${acct.full}";\nconst again = "${acct.full}";\n`,
    );
    writeFileSync(join(tree, "README.md"), `not a key: x${acct.full}\nnor SG.short.key\n`);

    const summary = await scanSources(deps, [parseScanSource(tree)]);
    expect(summary).toMatchObject({
      documents: 2,
      keyShaped: 3,
      matchedKeys: 1,
      revocations: 1,
      newExposures: 1,
    });
    expect(summary.failures).toEqual([]);
    const path = join(tree, "src", "deep", "config.js");
    const exposures = await exposuresOf(acct.accountId);
    // The key twice in one file is one exposure, at its first line.
    expect(exposures).toEqual([
      expect.objectContaining({ source: "exposure_scan", location: `${path} line 3` }),
    ]);
    expect(exposures[0]?.enforcement_id).not.toBeNull();
    const key = await database.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("key_id", "=", acct.keyId)
      .executeTakeFirstOrThrow();
    expect(key.revoked_at).not.toBeNull();
    const mails = await database.db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", acct.ownerEmail)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text_body).toContain(`${path} line 3`);

    // A second run finds the same, records nothing new and revokes nothing.
    const again = await scanSources(deps, [parseScanSource(tree)]);
    expect(again).toMatchObject({ keyShaped: 3, matchedKeys: 1, revocations: 0, newExposures: 0 });
    expect(await exposuresOf(acct.accountId)).toHaveLength(1);
  });

  it("reads every object of a git history once: keys deleted from the tip, on other branches, and in unreachable blobs", async () => {
    const deps = scanDeps(database.db);
    const removed = await accountWithKey(database.db, "Removed");
    const branch = await accountWithKey(database.db, "Branch");
    const dangling = await accountWithKey(database.db, "Dangling");
    const repo = join(dir, "repo");
    mkdirSync(join(repo, "config"), { recursive: true });
    git(repo, "init", "-q", "-b", "main");
    writeFileSync(join(repo, "config", "app.env"), `NAME=app\nAPI_KEY=${removed.full}\n`);
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "add config");
    // The same file content again on a second branch: the same blob, which is read once.
    git(repo, "checkout", "-q", "-b", "feature");
    writeFileSync(join(repo, "feature.txt"), `one\ntwo\nthree: ${branch.full}\n`);
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "feature");
    git(repo, "checkout", "-q", "main");
    writeFileSync(join(repo, "config", "app.env"), "NAME=app\n");
    git(repo, "commit", "-q", "-am", "remove the key");
    // Written to the object store, referenced by nothing.
    const blob = execFileSync("git", ["-C", repo, "hash-object", "-w", "--stdin"], {
      input: `x\n${dangling.full}\n`,
      encoding: "utf8",
    }).trim();

    const summary = await scanSources(deps, [parseScanSource(repo)]);
    expect(summary.failures).toEqual([]);
    // Three keys, each in exactly one blob: each found once although two commits share a blob.
    expect(summary).toMatchObject({ keyShaped: 3, matchedKeys: 3, revocations: 3, newExposures: 3 });
    const blobs = Number(git(repo, "count-objects", "-v").match(/count: (\d+)/)?.[1]);
    expect(blobs).toBeGreaterThan(0);
    expect((await exposuresOf(removed.accountId)).map((x) => x.location)).toEqual([
      expect.stringMatching(new RegExp(`^${repo}: config/app\\.env line 2 \\(blob [0-9a-f]{12}\\)$`)),
    ]);
    expect((await exposuresOf(branch.accountId)).map((x) => x.location)).toEqual([
      expect.stringMatching(/: feature\.txt line 3 \(blob [0-9a-f]{12}\)$/),
    ]);
    expect((await exposuresOf(dangling.accountId)).map((x) => x.location)).toEqual([
      `${repo}: unreachable blob ${blob.slice(0, 12)} line 2`,
    ]);
  });

  it("reads stdin and HTTP(S) URLs as streams, with keys cut across chunks, and reports a source it could not read", async () => {
    const deps = scanDeps(database.db);
    const piped = await accountWithKey(database.db, "Piped");
    const served = await accountWithKey(database.db, "Served");
    const page = `<html>\n<body>\n<pre>token=${served.full}</pre>\n</body>\n`;
    const server: Server = createServer((req, res) => {
      if (req.url !== "/leak.txt") {
        res.writeHead(404).end("no");
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" });
      // Three-byte writes: the key arrives in many pieces.
      let at = 0;
      const next = () => {
        if (at >= page.length) return res.end();
        res.write(page.slice(at, at + 3), next);
        at += 3;
      };
      next();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const input = `first\nsecond ${piped.full}\n`;
      const stdin = Readable.from(
        [input.slice(0, 20), input.slice(20, 50), input.slice(50)].map((s) => Buffer.from(s)),
      );
      const summary = await scanSources(
        deps,
        ["-", `${base}/leak.txt`, `${base}/missing.txt`, join(dir, "does-not-exist")].map(parseScanSource),
        { stdin },
      );
      expect(summary).toMatchObject({ keyShaped: 2, matchedKeys: 2, revocations: 2 });
      expect(summary.failures.map((f) => f.source)).toEqual([
        `${base}/missing.txt`,
        join(dir, "does-not-exist"),
      ]);
      expect(summary.failures[0]?.message).toContain("404");
      expect((await exposuresOf(piped.accountId)).map((x) => x.location)).toEqual(["stdin line 2"]);
      expect((await exposuresOf(served.accountId)).map((x) => x.location)).toEqual([
        `${base}/leak.txt line 3`,
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("a key that was already revoked before it was seen is recorded, not re-enforced", async () => {
    const deps = scanDeps(database.db);
    const rotated = await accountWithKey(database.db, "Rotated");
    await database.db
      .updateTable("api_keys")
      .set({ revoked_at: new Date(), revoked_reason: "rotated" })
      .where("key_id", "=", rotated.keyId)
      .execute();
    const file = join(dir, "old.env");
    writeFileSync(file, `KEY=${rotated.full}\n`);
    const summary = await scanSources(deps, [parseScanSource(file)]);
    expect(summary).toMatchObject({ matchedKeys: 1, revocations: 0, newExposures: 1 });
    expect(await exposuresOf(rotated.accountId)).toEqual([
      { source: "exposure_scan", location: `${file} line 1`, case_id: null, enforcement_id: null },
    ]);
    const enforcements = await database.db
      .selectFrom("enforcements")
      .select("id")
      .where("account_id", "=", rotated.accountId)
      .execute();
    expect(enforcements).toEqual([]);
    const mails = await database.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", rotated.ownerEmail)
      .execute();
    expect(mails).toEqual([]);
  });

  it("never stores a secret: after scanning a corpus, no table holds any full key or secret, issued or not", async () => {
    const deps = scanDeps(database.db);
    const acct = await accountWithKey(database.db, "Dumped");
    const strangers = ["alpha", "beta", "gamma"].map(unissuedKey);
    const corpus = join(dir, "corpus");
    mkdirSync(corpus);
    for (let i = 0; i < 20; i += 1)
      writeFileSync(
        join(corpus, `f${i}.ts`),
        `${"const filler = 1;\n".repeat(i * 50)}export const k = "${i % 5 === 0 ? acct.full : strangers[i % 3]}";\n`,
      );
    const summary = await scanSources(deps, [parseScanSource(corpus)]);
    expect(summary).toMatchObject({ documents: 20, keyShaped: 20, matchedKeys: 1 });
    const dump = await dumpDatabase(database.db);
    expect(dump).toContain(acct.keyId); // the public id is there: the dump is real
    expect(dump).not.toContain(acct.secret);
    for (const s of strangers) {
      expect(dump).not.toContain(s);
      expect(dump).not.toContain(s.slice(3, 25)); // not even the id of a key we never issued
    }
  });
});
