import { TicketCategory } from "@trustdesk/domain";
import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";
import type { QueueViewer } from "./list-ticket-queue.ts";

const HOUR = 3_600_000;
/** Closed tickets only ever grow; past this many the "all" count says "at least". */
export const CLOSED_COUNT_CAP = 100_000;

/**
 * Every view's count in one statement: one pass over the open and solved tickets (an index-only scan
 * of `tickets_queue_counts_idx`) with a FILTER per view, plus the closed tickets counted up to a cap.
 * The conditions are the views' own (`listTicketQueue`), so a count matches its rows.
 */
export async function countTicketQueue(deps: ServiceDeps, viewer: QueueViewer) {
  const now = deps.now();
  const t24 = new Date(now.getTime() - 24 * HOUR);
  const t48 = new Date(now.getTime() - 48 * HOUR);
  const categories = TicketCategory.options;
  const perCategory = categories.map(
    (c) => sql`count(*) filter (where queue_rank <= 3 and category = ${c})::int as ${sql.ref(`c_${c}`)}`,
  );
  const { rows } = await sql<Record<string, number>>`
    select
      count(*) filter (where queue_rank <= 3)::int as open,
      count(*) filter (where queue_rank <= 3 and assignee_staff_id = ${viewer.staffId})::int as mine,
      count(*) filter (where queue_rank <= 3 and assignee_staff_id is null)::int as unassigned,
      count(*) filter (where queue_rank in (0, 2, 3) and escalated_at is not null)::int as escalated,
      count(*) filter (where queue_rank <= 1 and first_response_at is null
                         and clock_origin <= ${t24} and clock_origin > ${t48})::int as breaching,
      count(*) filter (where queue_rank <= 1 and first_response_at is null
                         and clock_origin <= ${t48})::int as breached,
      count(*) filter (where queue_rank = 2)::int as pending_customer,
      count(*) filter (where queue_rank = 3)::int as on_hold,
      count(*) filter (where queue_rank = 4)::int as solved,
      count(*)::int as active,
      ${sql.join(perCategory, sql`, `)},
      (select count(*)::int from (select 1 from tickets where queue_rank = 5 limit ${CLOSED_COUNT_CAP}) c) as closed
    from tickets
    where queue_rank <= 4`.execute(deps.db);
  const r = rows[0] ?? {};
  const n = (key: string) => Number(r[key] ?? 0);
  const closed = n("closed");
  return {
    views: {
      open: n("open"),
      mine: n("mine"),
      unassigned: n("unassigned"),
      escalated: n("escalated"),
      breaching: n("breaching"),
      breached: n("breached"),
      pending_customer: n("pending_customer"),
      on_hold: n("on_hold"),
      solved: n("solved"),
      all: n("active") + closed,
      ...Object.fromEntries(categories.map((c) => [`category:${c}`, n(`c_${c}`)])),
    } as Record<string, number>,
    /** True when "all" is a lower bound (more closed tickets than the cap). */
    allIsAtLeast: closed >= CLOSED_COUNT_CAP,
  };
}
