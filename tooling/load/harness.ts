import type pg from "pg";

/** One row of the report: a load phase (autocannon's figures) or a fault (its own). */
export interface Phase {
  name: string;
  requests: number;
  ok: number;
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Wall-clock time of the phase (faults), in seconds. */
  seconds?: number;
  check: string;
}

export const phases: Phase[] = [];
export const problems: string[] = [];
export const log = (line: string) => console.error(line);

/** A fault's row: no request figures, its time and what was checked. */
export function recordFault(name: string, started: number, check: string, requests = 0, ok = requests) {
  const seconds = (performance.now() - started) / 1000;
  phases.push({ name, requests, ok, throughput: 0, p50: 0, p99: 0, errors: 0, non2xx: 0, seconds, check });
  log(`${name} (${seconds.toFixed(1)} s): ${check}`);
}

/** Adds a problem when `actual` is not `expected`; returns whether it matched. */
export function expectEqual(what: string, actual: unknown, expected: unknown): boolean {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) problems.push(`${what}: ${a}, expected ${e}`);
  return a === e;
}

export async function count(db: pg.Pool, sql: string, values: unknown[] = []): Promise<number> {
  return Number((await db.query<{ n: string }>(sql, values)).rows[0]?.n ?? 0);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `done` every `everyMs` until it is true or `timeoutMs` passed; returns whether it became true. */
export async function waitUntil(done: () => Promise<boolean>, timeoutMs: number, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/**
 * Every outbox mail sent, none left to send (pending or dead-lettered), within `timeoutMs`. With
 * `ignoreLeased`, mails claimed and not yet settled are not waited for: after a worker was killed,
 * its claims wait for their 120 s lease (see mail-check.ts).
 */
export async function outboxDrained(db: pg.Pool, timeoutMs: number, ignoreLeased = false): Promise<boolean> {
  const leased = "status = 'pending' and attempts > 0 and last_error is null and next_attempt_at > now()";
  return waitUntil(
    async () =>
      (await count(
        db,
        `select count(*) n from mail_outbox where status <> 'sent' ${ignoreLeased ? `and not (${leased})` : ""}`,
      )) === 0,
    timeoutMs,
    250,
  );
}
