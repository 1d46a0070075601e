import { DEFAULT_SOLVED_TICKET_CLOSE_DAYS } from "@trustdesk/domain";
import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";

/**
 * Solved tickets close themselves after `days` without a customer reply (a reply reopens a solved
 * ticket, so a solved one past the limit had none). Set-based, in batches; safe to rerun.
 */
export async function closeSolvedTickets(
  deps: ServiceDeps,
  days = DEFAULT_SOLVED_TICKET_CLOSE_DAYS,
  batchSize = 1000,
): Promise<number> {
  const now = deps.now();
  let closed = 0;
  for (;;) {
    const rows = await deps.db.transaction().execute(async (trx) => {
      const batch = await trx
        .updateTable("tickets")
        .set((eb) => ({ status: "closed", closed_at: now, updated_at: now, version: eb("version", "+", 1) }))
        .where(
          "id",
          "in",
          trx
            .selectFrom("tickets")
            .select("id")
            .where("status", "=", "solved")
            .where("solved_at", "<", sql<Date>`${now}::timestamptz - make_interval(days => ${days})`)
            .limit(batchSize)
            .forUpdate()
            .skipLocked(),
        )
        .returning(["id", "account_id"])
        .execute();
      if (batch.length > 0) {
        await trx
          .insertInto("audit_events")
          .values(
            batch.map((t) => ({
              actor_type: "system" as const,
              actor_id: null,
              action: "ticket.closed_automatically",
              subject_type: "ticket",
              subject_id: t.id,
              account_id: t.account_id,
              before: JSON.stringify({ status: "solved" }),
              after: JSON.stringify({ status: "closed", afterDays: days }),
              request_id: null,
              ip: null,
            })),
          )
          .execute();
      }
      return batch.length;
    });
    closed += rows;
    if (rows < batchSize) return closed;
  }
}
