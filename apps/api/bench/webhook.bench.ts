/**
 * Secret-scanning webhook benchmark: reports/s through the real Express app on loopback, each one
 * signature-verified (ECDSA P-256/SHA-256) before anything is read, on a throwaway PostgreSQL.
 *
 *   pnpm bench                          (in apps/api; 10 s per phase, 16 in flight)
 *   BENCH_WEBHOOK_SECONDS=3 pnpm bench
 *
 * Phases: the signature check alone; reports of tokens that are not ours (verify + one indexed
 * look-up each: the common case); reports of real keys (verify + revoke + enforce + case + mail).
 * Results: bench/results/webhook.json and webhook.md. Client, server and PostgreSQL share the machine.
 */
import { generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type Db, migrateToLatest } from "@trustdesk/db";
import { startThrowawayPostgres } from "@trustdesk/db/testing";
import { defaultServiceConfig, issueApiKey, type ServiceDeps } from "@trustdesk/services";
import { z } from "zod";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/logger.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const Options = z.object({
  seconds: z.coerce.number().min(1).max(600).default(10),
  concurrency: z.coerce.number().int().min(1).max(256).default(16),
  realKeys: z.coerce.number().int().min(10).max(100_000).default(500),
});
const options = Options.parse({
  seconds: process.env.BENCH_WEBHOOK_SECONDS,
  concurrency: process.env.BENCH_WEBHOOK_CONCURRENCY,
  realKeys: process.env.BENCH_WEBHOOK_REAL_KEYS,
});
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const b64url = (n: number) => randomBytes(n).toString("base64url");

interface Phase {
  reports: number;
  seconds: number;
  reportsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non200: number;
}

/** Sends pre-signed reports with `concurrency` in flight until `next` runs out or time is up. */
async function load(
  url: string,
  next: () => { body: string; signature: string } | null,
  seconds: number,
): Promise<Phase> {
  const latencies: number[] = [];
  let non200 = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  const worker = async () => {
    for (;;) {
      if (performance.now() > deadline) return;
      const report = next();
      if (!report) return;
      const started = performance.now();
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
      if (res.status !== 200) non200 += 1;
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0, 1);
  return {
    reports: latencies.length,
    seconds: round(elapsed, 2),
    reportsPerSecond: round(latencies.length / elapsed, 0),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    non200,
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

  const pg = await startThrowawayPostgres({ database: "bench", label: "bench-" });
  let db: Db | undefined;
  let server: Server | undefined;
  try {
    db = createDb({ connectionString: pg.connectionString, maxConnections: 10, applicationName: "bench" });
    await migrateToLatest(db);
    const deps: ServiceDeps = {
      db,
      now: () => new Date(),
      config: { ...defaultServiceConfig, secretKey: b64url(32), publicUrl: "http://127.0.0.1" },
    };
    const app = createApp(
      deps,
      {
        production: false,
        publicUrl: "http://127.0.0.1",
        secretKey: deps.config.secretKey,
        cookieSecure: false,
        trustProxy: false,
        portalDist: "/nonexistent",
        dashboardDist: "/nonexistent",
        secretScanning: { url: "http://127.0.0.1:9/unused", file: keysFile },
      },
      createLogger("silent"),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/secret-scanning/github`;

    // Tokens of our format that we never issued: signed up front (the partner signs, not us).
    let n = 0;
    const strangers = await load(
      url,
      () => {
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
      },
      options.seconds,
    );

    // Real keys: one account and key each, so every report revokes, enforces, opens a case and mails.
    const real: Array<{ body: string; signature: string }> = [];
    for (let i = 0; i < options.realKeys; i++) {
      const account = await db
        .insertInto("accounts")
        .values({ name: `Bench ${i}`, website: null, country: null, signup_ip: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("customer_users")
        .values({
          account_id: account.id,
          email: `owner${i}@bench${i}.test`,
          name: "Owner",
          role: "owner",
          password_hash: "not-used",
          totp_secret_enc: null,
          totp_enabled_at: null,
          totp_last_step: null,
          locked_until: null,
          last_sign_in_at: null,
        })
        .execute();
      const key = await issueApiKey(db, { accountId: account.id, name: "Bench key", createdByUserId: null });
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
    const realKeys = await load(url, () => real.pop() ?? null, options.seconds);

    const result = {
      benchmark: "secret-scanning webhook",
      date: new Date().toISOString(),
      command: `BENCH_WEBHOOK_SECONDS=${options.seconds} pnpm bench (in apps/api)`,
      machine: {
        node: process.version,
        cpus: os.cpus().length,
        loadAverage: os.loadavg().map((l) => round(l, 1)),
      },
      setup: {
        transport: "Express app on 127.0.0.1, fetch client in the same process",
        concurrency: options.concurrency,
        postgres: "throwaway embedded cluster (fsync off)",
        reportSize: "one token per report",
      },
      verifyPerSecond,
      unknownTokens: strangers,
      realKeys,
    };
    await mkdir(path.join(HERE, "results"), { recursive: true });
    await writeFile(path.join(HERE, "results", "webhook.json"), `${JSON.stringify(result, null, 2)}\n`);
    const row = (name: string, p: Phase) =>
      `| ${name} | ${p.reportsPerSecond} | ${p.p50Ms} | ${p.p99Ms} | ${p.reports} | ${p.non200} |`;
    await writeFile(
      path.join(HERE, "results", "webhook.md"),
      [
        `# Secret-scanning webhook benchmark (${result.date.slice(0, 10)})`,
        "",
        `${os.cpus().length} cores, load average ${result.machine.loadAverage.join(" / ")}; ${options.concurrency} in flight over loopback; ECDSA P-256 verification alone: ${verifyPerSecond}/s.`,
        "",
        "| reports | reports/s | p50 ms | p99 ms | sent | non-200 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        row("tokens not ours (verify + look-up, false_positive)", strangers),
        row("real keys (verify + revoke + enforce + case + mail)", realKeys),
        "",
      ].join("\n"),
    );
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db?.destroy();
    await pg.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
