import { sql } from "kysely";
import type { Executor } from "./executor.ts";

/**
 * One fixed-window counter per key, in one statement: concurrent hits from any number of API
 * instances serialise on the row, so a limit of N admits exactly N.
 */
export async function hitRateLimitCounter(db: Executor, key: string, windowSeconds: number) {
  const row = await sql<{ hits: number; window_started_at: Date }>`
    insert into rate_limit_counters as c (key, window_started_at, hits)
    values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when c.window_started_at <= now() - make_interval(secs => ${windowSeconds}) then 1 else c.hits + 1 end,
      window_started_at = case when c.window_started_at <= now() - make_interval(secs => ${windowSeconds}) then now() else c.window_started_at end
    returning hits, window_started_at`.execute(db);
  const r = row.rows[0];
  if (!r) throw new Error("rate limit upsert returned no row");
  return { hits: r.hits, windowStartedAt: r.window_started_at };
}

export async function deleteExpiredRateLimitCounters(db: Executor, olderThanSeconds: number): Promise<void> {
  await db
    .deleteFrom("rate_limit_counters")
    .where("window_started_at", "<", sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .execute();
}

export async function deleteRateLimitCounter(db: Executor, key: string): Promise<void> {
  await db.deleteFrom("rate_limit_counters").where("key", "=", key).execute();
}
