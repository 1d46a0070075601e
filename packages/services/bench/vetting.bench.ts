/**
 * Sign-up vetting benchmark: what vetting costs and how much it adds to a sign-up (the numbers in
 * this package's README). Run from packages/services:
 *
 *   pnpm bench:vetting           (node --conditions=@trustdesk/source bench/vetting.bench.ts)
 *
 * Measures, on a throwaway embedded PostgreSQL and a DNS server on loopback (nothing leaves the
 * machine):
 *   1. the policy engine alone: `evaluateSignup` over generated signals, decisions per second;
 *   2. gather + evaluate: list look-ups, MX/A over real `node:dns` to the loopback server, the
 *      velocity query, then the engine — decisions per second, one at a time and 16 in flight;
 *   3. the latency vetting adds to sign-up: the form, the pass that mails the link and the link
 *      (`signUpThroughEmail`; production argon2 parameters; vetting runs at the link) with
 *      vetting off, on with an approve, and on with a review (which adds the enforcement), the three
 *      interleaved in the same run; p50/p99 and their ratios against "off".
 * Every loop is bounded by a count and a time budget; the whole run takes well under a minute.
 * Prints a table and writes vetting.json and .md to bench/results/ (or `--results-dir`).
 */

import { createDb, type Db, migrateToLatest } from "@trustdesk/db";
import { DEFAULT_VETTING_POLICY, evaluateSignup, type SignupSignals } from "@trustdesk/domain";
import { z } from "zod";
import { defaultServiceConfig, gatherSignupSignals, type ServiceDeps } from "../src/index.ts";
import { signUpThroughEmail, startTestDnsServer } from "../src/testing/index.ts";
import {
  benchFlags,
  machine,
  markdownTable,
  prng,
  quantile,
  RESULTS_DIR,
  round,
  withThrowawayPostgres,
  writeResultFiles,
} from "./harness.ts";

const settings = benchFlags({ resultsDir: z.string().default(RESULTS_DIR) });

const ENGINE = { maxDecisions: 500_000, budgetMs: 3_000 };
const GATHER = { maxDecisions: 3_000, budgetMs: 4_000 };
const SIGN_UP = { perVariant: 300, budgetMs: 30_000 };

// ---------------------------------------------------------------------------------------------
// Generated input: a seeded mix of ordinary and suspicious sign-ups.

const LOCAL_PARTS = ["jane.doe", "john1985", "x7k2q9zt4", "4155550123", "sales", "m.mueller", "kqwpzmrtx"];
const NAMES: [string, string][] = [
  ["Jane Doe", "Acme Widgets"],
  ["Li Wei", "Northwind Traders"],
  ["Ana Souza", "xxxx"],
  ["José García", "Café Noël"],
];

function generatedSignals(count: number): SignupSignals[] {
  const random = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const [name, company] = pick(NAMES);
    const free = random() < 0.3;
    const dnsRoll = random();
    return {
      emailDomain: free ? "gmail.com" : `company${i % 500}.test`,
      emailLocalPart: pick(LOCAL_PARTS),
      isDisposableDomain: random() < 0.05,
      isFreeMailDomain: free,
      dns:
        dnsRoll < 0.9
          ? { status: "ok", hasMx: true, hasA: true }
          : dnsRoll < 0.97
            ? { status: "ok", hasMx: false, hasA: false }
            : { status: "timeout", hasMx: false, hasA: false },
      signupsLast24h: {
        sameIp: Math.floor(random() * 5),
        sameEmailDomain: Math.floor(random() * 8),
        sameDevice: random() < 0.5 ? null : Math.floor(random() * 3),
      },
      country: pick(["GB", "US", "DE", "BR", "KP", null]),
      name,
      company,
      website: random() < 0.5 ? null : pick(["www.acmewidgets.test", "janedoe.test", "cheap-pills.test"]),
    } satisfies SignupSignals;
  });
}

// ---------------------------------------------------------------------------------------------

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) };
}

function benchEngine() {
  const signals = generatedSignals(10_000);
  const policy = DEFAULT_VETTING_POLICY;
  let sink = 0;
  for (let i = 0; i < 20_000; i++)
    sink += evaluateSignup(policy, signals[i % signals.length] as SignupSignals).score;
  const outcomes = { approve: 0, review: 0, reject: 0 };
  const started = performance.now();
  let done = 0;
  while (done < ENGINE.maxDecisions) {
    for (let k = 0; k < 1_000; k++, done++) {
      const e = evaluateSignup(policy, signals[done % signals.length] as SignupSignals);
      outcomes[e.outcome] += 1;
      sink += e.score;
    }
    if (performance.now() - started > ENGINE.budgetMs) break;
  }
  const seconds = (performance.now() - started) / 1000;
  if (sink < 0) console.log(sink);
  return {
    decisions: done,
    seconds: round(seconds, 3),
    decisionsPerSecond: Math.round(done / seconds),
    outcomes,
  };
}

async function benchGather(deps: ServiceDeps, accountIds: string[], concurrency: number) {
  const policy = DEFAULT_VETTING_POLICY;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < GATHER.maxDecisions && performance.now() - started < GATHER.budgetMs) {
      const i = next++;
      const t = performance.now();
      const signals = await gatherSignupSignals(deps, {
        accountId: accountIds[i % accountIds.length] as string,
        ip: `198.18.${(i >> 8) & 255}.${i & 255}`,
        email: `${LOCAL_PARTS[i % LOCAL_PARTS.length]}@company${i % 500}.test`,
        name: "Jane Doe",
        company: "Acme Widgets",
        website: i % 2 === 0 ? "https://www.acmewidgets.test" : null,
        country: "GB",
      });
      evaluateSignup(policy, signals);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency,
    decisions: latencies.length,
    seconds: round(seconds, 3),
    decisionsPerSecond: Math.round(latencies.length / seconds),
    ...roundLatency(summarize(latencies)),
  };
}

function roundLatency(s: { n: number; p50Ms: number; p99Ms: number }) {
  return { n: s.n, p50Ms: round(s.p50Ms), p99Ms: round(s.p99Ms) };
}

type Variant = "off" | "on_approve" | "on_review";

async function benchSignUp(baseDeps: ServiceDeps) {
  const deps: Record<Variant, ServiceDeps> = {
    off: { ...baseDeps, config: { ...baseDeps.config, vettingEnabled: false } },
    on_approve: baseDeps,
    on_review: baseDeps,
  };
  const samples: Record<Variant, number[]> = { off: [], on_approve: [], on_review: [] };
  const order: Variant[] = ["off", "on_approve", "on_review"];
  let n = 0;
  const signUpOnce = async (variant: Variant) => {
    n += 1;
    // A sub-domain of a disposable service: on the list (→ review), but each one new, so the
    // per-domain velocity never adds up to a reject.
    const domain = variant === "on_review" ? `x${n}.mailinator.com` : `acme-widgets-${n}.test`;
    const t = performance.now();
    const result = await signUpThroughEmail(
      deps[variant],
      { requestId: `bench-${n}`, ip: `198.19.${(n >> 8) & 255}.${n & 255}`, userAgent: "bench" },
      {
        email: `jane.doe@${domain}`,
        password: "a-long-enough-password",
        name: "Jane Doe",
        accountName: "Acme Widgets",
        website: variant === "on_review" ? undefined : `https://www.${domain}`,
        country: "GB",
      },
      null,
    );
    const elapsed = performance.now() - t;
    const expected = variant === "on_review" ? "review" : "approve";
    if (result.vetting.outcome !== expected) {
      throw new Error(
        `bench sign-up (${variant}) was vetted ${result.vetting.outcome}, expected ${expected}`,
      );
    }
    return elapsed;
  };
  // Warm-up: JIT, pool connections, argon2 threads, the domain lists.
  for (let i = 0; i < 5; i++) for (const v of order) await signUpOnce(v);
  const started = performance.now();
  for (let i = 0; i < SIGN_UP.perVariant && performance.now() - started < SIGN_UP.budgetMs; i++) {
    // Rotate the order so no variant always runs first (or right after the same neighbour).
    for (let k = 0; k < order.length; k++) {
      const v = order[(i + k) % order.length] as Variant;
      samples[v].push(await signUpOnce(v));
    }
  }
  const off = summarize(samples.off);
  const row = (v: Variant) => {
    const s = summarize(samples[v]);
    return {
      ...roundLatency(s),
      p50VsOff: round(s.p50Ms / off.p50Ms, 3),
      p99VsOff: round(s.p99Ms / off.p99Ms, 3),
    };
  };
  return { off: row("off"), on_approve: row("on_approve"), on_review: row("on_review") };
}

async function main() {
  const runStarted = performance.now();
  await withThrowawayPostgres("vetting", async (pg, onCleanup) => {
    const dns = await startTestDnsServer({}, { fallback: { mx: ["mx.mail.test"], a: ["192.0.2.25"] } });
    onCleanup(() => dns.close());
    const db: Db = createDb({
      connectionString: pg.connectionString,
      maxConnections: 10,
      applicationName: "bench",
    });
    onCleanup(() => db.destroy());
    await migrateToLatest(db);
    const deps: ServiceDeps = {
      db,
      now: () => new Date(),
      config: {
        ...defaultServiceConfig,
        secretKey: "bench-secret-key-0123456789abcdef-0123456789",
        publicUrl: "http://127.0.0.1",
        dns: { servers: dns.servers, timeoutMs: 2_000 },
      },
    };

    const engine = benchEngine();

    // Accounts the velocity query is asked about: a day of earlier sign-ups around them.
    const accountIds: string[] = [];
    for (let i = 0; i < 200; i++) {
      const row = await db
        .insertInto("accounts")
        .values({ name: `Bench ${i}`, website: null, country: null, signup_ip: `198.18.0.${i % 50}` })
        .returning("id")
        .executeTakeFirstOrThrow();
      accountIds.push(row.id);
    }
    const gatherSequential = await benchGather(deps, accountIds, 1);
    const gatherConcurrent = await benchGather(deps, accountIds, 16);

    const signUp = await benchSignUp(deps);

    const result = {
      benchmark: "sign-up vetting",
      date: new Date().toISOString(),
      command: "pnpm bench:vetting (in packages/services)",
      machine: machine(),
      setup: {
        postgres: "throwaway embedded cluster (fsync off)",
        dns: "dns2 UDP server on 127.0.0.1, answers every name",
        policyVersion: DEFAULT_VETTING_POLICY.version,
        passwordHashing: "argon2id, production parameters (m=19456 KiB, t=2, p=1)",
      },
      engine,
      gatherAndEvaluate: { sequential: gatherSequential, concurrent: gatherConcurrent },
      signUpLatency: signUp,
      totalSeconds: round((performance.now() - runStarted) / 1000, 1),
    };

    const throughput = {
      "engine: evaluateSignup": {
        "decisions/s": engine.decisionsPerSecond,
        "p50 ms": "",
        "p99 ms": "",
        n: engine.decisions,
      },
      "gather+evaluate, 1 at a time": {
        "decisions/s": gatherSequential.decisionsPerSecond,
        "p50 ms": gatherSequential.p50Ms,
        "p99 ms": gatherSequential.p99Ms,
        n: gatherSequential.n,
      },
      "gather+evaluate, 16 in flight": {
        "decisions/s": gatherConcurrent.decisionsPerSecond,
        "p50 ms": gatherConcurrent.p50Ms,
        "p99 ms": gatherConcurrent.p99Ms,
        n: gatherConcurrent.n,
      },
    };
    const latency = Object.fromEntries(
      (Object.keys(signUp) as Variant[]).map((v) => [
        `signUpCustomer, vetting ${v.replace("_", " → ")}`,
        {
          "p50 ms": signUp[v].p50Ms,
          "p99 ms": signUp[v].p99Ms,
          "p50 ÷ off": signUp[v].p50VsOff,
          "p99 ÷ off": signUp[v].p99VsOff,
          n: signUp[v].n,
        },
      ]),
    );
    const heading = "Sign-up vetting benchmark (policy v1, loopback DNS, throwaway PostgreSQL)";
    const written = await writeResultFiles(
      settings.resultsDir,
      "vetting",
      result,
      `${heading}\n\n${markdownTable(throughput)}\n\n${markdownTable(latency)}`,
    );
    console.log(`\n${heading}\n`);
    console.table(throughput);
    console.table(latency);
    console.log(`written to ${written.join(", ")} in ${result.totalSeconds} s`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
