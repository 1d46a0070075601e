/**
 * Secret-scanning webhook benchmark: reports/s through the real Express app on loopback, each one
 * signature-verified (ECDSA P-256/SHA-256) before anything is read, on a throwaway PostgreSQL.
 *
 *   pnpm bench:webhook                  (in apps/api; 10 s per phase, 16 in flight)
 *   pnpm bench:webhook --seconds 3      (also --concurrency, --real-keys, --results-dir)
 *
 * Phases: the signature check alone; reports of tokens that are not ours (verify + one indexed
 * look-up each: the common case), through our app and through a floor server doing only the
 * unavoidable work; reports of real keys (verify + revoke + enforce + case + mail). Results:
 * webhook.json and .md in bench/results/. Client, server and PostgreSQL share the machine.
 */
import { generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchFlags, machine, round, writeResultFiles } from "@trustdesk/bench/kit";
import { issueApiKey } from "@trustdesk/services";
import pg from "pg";
import { z } from "zod";
import { b64url, closedLoop, insertAccounts, type Phase, startBenchApi } from "./support.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const options = benchFlags({
  seconds: z.coerce.number().min(1).max(600).default(10),
  concurrency: z.coerce.number().int().min(1).max(256).default(16),
  realKeys: z.coerce.number().int().min(10).max(100_000).default(500),
  resultsDir: z.string().default(path.join(HERE, "results")),
});

/** Posts pre-signed reports until `next` runs out or time is up; 200 is the expected answer. */
function sendReports(url: string, next: () => { body: string; signature: string } | null) {
  return closedLoop(options.concurrency, options.seconds, () => {
    const report = next();
    if (!report) return null;
    return async () => {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "Github-Public-Key-Identifier": "bench",
          "Github-Public-Key-Signature": report.signature,
        },
        body: report.body,
      });
      await res.arrayBuffer();
      return res.status === 200;
    };
  });
}

/**
 * The floor: the least any implementation must do for a report — a bare `node:http` server that
 * verifies the signature over the raw body, parses it and looks each key id up in the same table
 * through `pg`, then answers the labels. No framework, no validation, no audit, nothing recorded.
 */
async function startFloorServer(connectionString: string, publicKey: KeyObject) {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const signature = Buffer.from(String(req.headers["github-public-key-signature"]), "base64");
      if (!verify("sha256", body, { key: publicKey, dsaEncoding: "der" }, signature)) {
        res.writeHead(401).end();
        return;
      }
      const labels = [];
      for (const r of JSON.parse(body.toString()) as Array<{ token: string; type: string }>) {
        const found = await pool.query("select id from api_keys where key_id = $1", [r.token.slice(3, 25)]);
        labels.push({
          token_raw: r.token,
          token_type: r.type,
          label: found.rowCount ? "true_positive" : "false_positive",
        });
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(labels));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

async function main() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const tmp = await mkdtemp(path.join(os.tmpdir(), "webhook-bench-"));
  const keysFile = path.join(tmp, "keys.json");
  await writeFile(
    keysFile,
    JSON.stringify({
      public_keys: [
        { key_identifier: "bench", key: publicKey.export({ type: "spki", format: "pem" }), is_current: true },
      ],
    }),
  );
  const signed = (body: string) => ({
    body,
    signature: sign("sha256", Buffer.from(body), privateKey).toString("base64"),
  });

  // The signature check alone (what every request pays before its body is parsed).
  const sample = signed(
    JSON.stringify([
      {
        token: `SG.${b64url(16)}.${b64url(32)}`,
        type: "sendgrid_api_key",
        url: "https://x.test/a",
        source: "content",
      },
    ]),
  );
  const sig = Buffer.from(sample.signature, "base64");
  let verifies = 0;
  const v0 = performance.now();
  while (performance.now() - v0 < 1000) {
    verify("sha256", Buffer.from(sample.body), { key: publicKey, dsaEncoding: "der" }, sig);
    verifies += 1;
  }
  const verifyPerSecond = round(verifies / ((performance.now() - v0) / 1000), 0);

  const api = await startBenchApi({ secretScanning: { url: "http://127.0.0.1:9/unused", file: keysFile } });
  try {
    const { db } = api;
    const url = `${api.url}/v1/secret-scanning/github`;

    // Tokens of our format that we never issued (the partner signs, not us): through our app, then
    // through the floor server over the same database.
    let n = 0;
    const stranger = () => {
      n += 1;
      return signed(
        JSON.stringify([
          {
            token: `SG.${b64url(16)}.${b64url(32)}`,
            type: "sendgrid_api_key",
            url: `https://github.com/o/r/blob/c/f${n}.js`,
            source: "content",
          },
        ]),
      );
    };
    const strangers = await sendReports(url, stranger);
    const floorServer = await startFloorServer(api.connectionString, publicKey);
    const floor = await sendReports(floorServer.url, stranger).finally(floorServer.stop);

    // Real keys: one account and key each, so every report revokes, enforces, opens a case and mails.
    const real: Array<{ body: string; signature: string }> = [];
    const accounts = await insertAccounts(db, options.realKeys, "Webhook bench");
    for (const [i, accountId] of accounts.entries()) {
      const key = await issueApiKey(db, { accountId, name: "Bench key", createdByUserId: null });
      real.push(
        signed(
          JSON.stringify([
            {
              token: key.key,
              type: "sendgrid_api_key",
              url: `https://github.com/o/r/blob/c/k${i}.js`,
              source: "content",
            },
          ]),
        ),
      );
    }
    const realKeys = await sendReports(url, () => real.pop() ?? null);

    const result = {
      benchmark: "secret-scanning webhook",
      date: new Date().toISOString(),
      command: `pnpm bench:webhook --seconds ${options.seconds} --concurrency ${options.concurrency} --real-keys ${options.realKeys} (in apps/api)`,
      machine: machine(),
      setup: {
        transport: "Express app on 127.0.0.1, fetch client in the same process",
        concurrency: options.concurrency,
        postgres: "throwaway embedded cluster (fsync off)",
        reportSize: "one token per report",
      },
      verifyPerSecond,
      unknownTokens: strangers,
      floorUnknownTokens: floor,
      unknownVsFloor: {
        perSecond: round(strangers.perSecond / floor.perSecond, 2),
        p50: round(strangers.p50Ms / floor.p50Ms, 2),
        p99: round(strangers.p99Ms / floor.p99Ms, 2),
      },
      realKeys,
    };
    const row = (name: string, p: Phase) =>
      `| ${name} | ${p.perSecond} | ${p.p50Ms} | ${p.p99Ms} | ${p.n} | ${p.failed} |`;
    await writeResultFiles(
      options.resultsDir,
      "webhook",
      result,
      [
        `# Secret-scanning webhook benchmark (${result.date.slice(0, 10)})`,
        "",
        `${result.machine.cpus} cores, load average ${result.machine.loadAverage.join(" / ")}; ${options.concurrency} in flight over loopback; ECDSA P-256 verification alone: ${verifyPerSecond}/s.`,
        "",
        "| reports | reports/s | p50 ms | p99 ms | sent | non-200 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        row("tokens not ours (verify + look-up, false_positive)", strangers),
        row("floor: bare node:http, verify + parse + one pg look-up", floor),
        row("real keys (verify + revoke + enforce + case + mail)", realKeys),
      ].join("\n"),
    );
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await api.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
