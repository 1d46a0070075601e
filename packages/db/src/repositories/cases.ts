import { formatCaseNumber } from "@trustdesk/domain";
import { sql } from "kysely";
import type { Executor } from "./executor.ts";

/** Next human-readable case number (TD-2026-001042) from a sequence: unique without a retry loop. */
export async function nextCaseNumber(db: Executor, now: Date): Promise<string> {
  const r = await sql<{ n: string }>`select nextval('case_number_seq') as n`.execute(db);
  return formatCaseNumber(now.getUTCFullYear(), Number(r.rows[0]?.n));
}
