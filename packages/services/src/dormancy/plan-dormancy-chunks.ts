import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";

/**
 * A key range of accounts: ids after `after` (exclusive; null: from the first) up to `until`
 * (inclusive; null: to the last, including accounts created while the scan runs). Plain JSON, so a
 * chunk can be a queue job's payload.
 */
export interface DormancyChunk {
  after: string | null;
  until: string | null;
}

export const DEFAULT_DORMANCY_CHUNK_SIZE = 100_000;

/**
 * Splits the accounts into contiguous key ranges of about `chunkSize` accounts each, for workers
 * to scan in parallel (`runDormancyChunk`). Together the ranges cover the whole key space, with no
 * gap and no overlap, whatever is inserted meanwhile. The bounds are exact quantiles of the primary
 * key: one index-only pass over it (about a second per few million accounts), so the chunks are
 * even whatever the ids look like.
 */
export async function planDormancyChunks(
  deps: ServiceDeps,
  options: { chunkSize?: number } = {},
): Promise<DormancyChunk[]> {
  const chunkSize = options.chunkSize ?? DEFAULT_DORMANCY_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new Error("chunkSize must be a positive whole number");
  const bounds = await sql<{ id: string }>`
    select id::text as id from (select id, row_number() over (order by id) as n from accounts) a
     where n % ${chunkSize} = 0 order by id`.execute(deps.db);
  const chunks: DormancyChunk[] = [];
  let after: string | null = null;
  for (const { id } of bounds.rows) {
    chunks.push({ after, until: id });
    after = id;
  }
  chunks.push({ after, until: null });
  return chunks;
}

/** How many accounts a whole scan reads (for a progress bar). */
export async function countDormancyScanAccounts(deps: ServiceDeps): Promise<number> {
  const row = await deps.db
    .selectFrom("accounts")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
