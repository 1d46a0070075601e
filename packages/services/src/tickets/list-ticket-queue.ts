import {
  ListQueueInput,
  type QueueFilters,
  type QueueSort,
  type QueueView,
  type TicketPriority,
  type TicketStatus,
} from "@trustdesk/domain";
import { type RawBuilder, sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";
import {
  badCursor,
  decodeCursor,
  encodeCursor,
  executeRows,
  presentQueueRow,
  QUEUE_ROW_COLUMNS,
  type QueueRowSql,
  withNames,
} from "./queue-rows.ts";

const HOUR = 3_600_000;

/**
 * `queue_rank` (migration 0011): 0 escalated and waiting on the team, 1 waiting on the team,
 * 2 pending customer, 3 on hold, 4 solved, 5 closed.
 */
const RANKS_OF_STATUS: Record<TicketStatus, readonly number[]> = {
  new: [0, 1],
  open: [0, 1],
  pending_customer: [2],
  on_hold: [3],
  solved: [4],
  closed: [5],
};
const PRIORITIES: readonly TicketPriority[] = ["urgent", "high", "normal", "low"];

export interface QueueViewer {
  staffId: string;
}

/**
 * One page of a queue view. Every page is a keyset continuation (never OFFSET) and reads at most
 * `limit + 1` rows per index range: the view is split into its `queue_rank` values (and, sorted by
 * priority, its priorities), each branch an index-ordered range scan with its own LIMIT, and the few
 * rows they return are merged. So a page costs the same at the first ticket as at the millionth, and
 * an insert between two pages neither repeats nor skips a row that was already in order.
 */
export async function listTicketQueue(deps: ServiceDeps, viewer: QueueViewer, rawInput: ListQueueInput = {}) {
  const input = ListQueueInput.parse(rawInput);
  const now = deps.now();
  const view = viewScope(input.view, viewer, now);
  const ranks = narrowRanks(view.ranks, input.filters.status);
  const conditions = [...view.conditions, ...filterConditions(input.filters)];
  const cursor = input.cursor ? parseCursor(input.cursor, input.sort) : null;
  const take = input.limit + 1;

  const branches: RawBuilder<unknown>[] = [];
  const select = (where: RawBuilder<unknown>[], order: RawBuilder<unknown>) =>
    sql`(select ${QUEUE_ROW_COLUMNS} from tickets t where ${sql.join(where, sql` and `)} order by ${order} limit ${take})`;

  if (input.sort === "newest" || input.sort === "oldest") {
    const newest = input.sort === "newest";
    // Every rank (the "all" view): the ticket number's own index is the order.
    const groups: (number | null)[] = ranks.length === 6 ? [null] : ranks;
    for (const rank of groups) {
      const where = [rank === null ? sql`true` : sql`t.queue_rank = ${rank}`, ...conditions];
      if (cursor) where.push(newest ? sql`t.number < ${cursor.n}` : sql`t.number > ${cursor.n}`);
      branches.push(select(where, newest ? sql`t.number desc` : sql`t.number`));
    }
  } else if (input.sort === "needs_answer" && !view.originRange && contiguous(ranks)) {
    // The ranks are one stretch of the index: a single range scan in (rank, clock_origin, id) order.
    const where = [sql`t.queue_rank between ${ranks[0]} and ${ranks.at(-1)}`, ...conditions];
    if (cursor)
      where.push(
        sql`(t.queue_rank, t.clock_origin, t.id) > (${cursor.r}, ${cursor.o}::timestamptz, ${cursor.i}::uuid)`,
      );
    branches.push(select(where, sql`t.queue_rank, t.clock_origin, t.id`));
  } else {
    // needs_answer: (rank, clock_origin, id); priority: (priority, rank, clock_origin, id). A range
    // on clock_origin (breaching, breached) or a gap in the ranks needs one branch per rank.
    const groups =
      input.sort === "priority"
        ? PRIORITIES.flatMap((p, pi) => ranks.map((rank) => ({ p, pi, rank })))
        : ranks.map((rank) => ({ p: null, pi: 0, rank }));
    for (const { p, pi, rank } of groups) {
      const here = [pi, rank];
      const at = cursor ? [cursor.p ?? 0, cursor.r] : null;
      if (at && compare(here, at) < 0) continue; // wholly before the cursor
      const where = [sql`t.queue_rank = ${rank}`, ...conditions];
      if (p) where.push(sql`t.priority = ${p}`);
      if (at && compare(here, at) === 0)
        where.push(sql`(t.clock_origin, t.id) > (${cursor?.o}::timestamptz, ${cursor?.i}::uuid)`);
      branches.push(select(where, sql`t.clock_origin, t.id`));
    }
  }

  const order = outerOrder(input.sort);
  const rows =
    branches.length === 0
      ? []
      : await executeRows<QueueRowSql>(
          deps.db,
          withNames(
            sql`select * from (${sql.join(branches, sql` union all `)}) b order by ${order} limit ${take}`,
            order,
          ),
        );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map((t) => presentQueueRow(t, now)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(cursorOf(last, input.sort)) : null,
  };
}

function outerOrder(sort: QueueSort): RawBuilder<unknown> {
  switch (sort) {
    case "newest":
      return sql`number desc`;
    case "oldest":
      return sql`number`;
    case "priority":
      return sql`array_position(array['urgent','high','normal','low']::text[], priority), queue_rank, clock_origin, id`;
    default:
      return sql`queue_rank, clock_origin, id`;
  }
}

interface Cursor {
  /** needs_answer / priority: rank, clock origin (PostgreSQL's own text, exact to the µs), id. */
  r: number;
  o: string;
  i: string;
  /** priority: index in urgent…low. */
  p?: number;
  /** newest / oldest: ticket number. */
  n: string;
}

function cursorOf(t: QueueRowSql, sort: QueueSort): Record<string, string | number> {
  if (sort === "newest" || sort === "oldest") return { s: sort, n: t.number };
  const key = { s: sort, r: t.queue_rank, o: t.origin_key, i: t.id };
  return sort === "priority" ? { ...key, p: PRIORITIES.indexOf(t.priority) } : key;
}

function parseCursor(raw: string, sort: QueueSort): Cursor {
  const c = decodeCursor(raw);
  if (c.s !== sort) throw badCursor();
  if (sort === "newest" || sort === "oldest") {
    if (typeof c.n !== "string" || !/^\d{1,18}$/.test(c.n)) throw badCursor();
    return { r: 0, o: "", i: "", n: c.n };
  }
  const ok =
    typeof c.r === "number" &&
    Number.isInteger(c.r) &&
    typeof c.o === "string" &&
    /^\d{4}-\d\d-\d\d [\d:.+-]+$/.test(c.o) &&
    typeof c.i === "string" &&
    /^[0-9a-f-]{36}$/.test(c.i) &&
    (sort !== "priority" || (typeof c.p === "number" && Number.isInteger(c.p)));
  if (!ok) throw badCursor();
  return { r: c.r as number, o: c.o as string, i: c.i as string, p: c.p as number | undefined, n: "" };
}

function contiguous(ranks: readonly number[]): boolean {
  return ranks.length > 0 && ranks.every((r, i) => i === 0 || r === (ranks[i - 1] ?? 0) + 1);
}

function compare(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) {
    const d = (a[k] ?? 0) - (b[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Which ranks a view spans and what else it requires (always phrased to match an index). */
function viewScope(
  view: QueueView,
  viewer: QueueViewer,
  now: Date,
): { ranks: number[]; conditions: RawBuilder<unknown>[]; originRange?: boolean } {
  const open = [0, 1, 2, 3];
  const t24 = new Date(now.getTime() - 24 * HOUR);
  const t48 = new Date(now.getTime() - 48 * HOUR);
  const unanswered = sql`t.first_response_at is null and t.status in ('new', 'open')`;
  if (view.startsWith("category:"))
    return { ranks: open, conditions: [sql`t.category = ${view.slice("category:".length)}`] };
  switch (view as Exclude<QueueView, `category:${string}`>) {
    case "mine":
      return { ranks: open, conditions: [sql`t.assignee_staff_id = ${viewer.staffId}`] };
    case "unassigned":
      return { ranks: open, conditions: [sql`t.assignee_staff_id is null`] };
    case "escalated":
      return { ranks: [0, 2, 3], conditions: [sql`t.escalated_at is not null`] };
    case "breaching":
      return {
        ranks: [0, 1],
        conditions: [unanswered, sql`t.clock_origin <= ${t24}`, sql`t.clock_origin > ${t48}`],
        originRange: true,
      };
    case "breached":
      return { ranks: [0, 1], conditions: [unanswered, sql`t.clock_origin <= ${t48}`], originRange: true };
    case "pending_customer":
      return { ranks: [2], conditions: [] };
    case "on_hold":
      return { ranks: [3], conditions: [] };
    case "solved":
      return { ranks: [4], conditions: [] };
    case "all":
      return { ranks: [0, 1, 2, 3, 4, 5], conditions: [] };
    default:
      return { ranks: open, conditions: [] };
  }
}

function narrowRanks(ranks: readonly number[], status: TicketStatus | undefined): number[] {
  if (!status) return [...ranks];
  const allowed = RANKS_OF_STATUS[status];
  return ranks.filter((r) => allowed.includes(r));
}

function filterConditions(f: QueueFilters): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  if (f.category) c.push(sql`t.category = ${f.category}`);
  if (f.status) c.push(sql`t.status = ${f.status}`);
  if (f.assignee === "none") c.push(sql`t.assignee_staff_id is null`);
  else if (f.assignee) c.push(sql`t.assignee_staff_id = ${f.assignee}`);
  // Deliberately not GIN-indexable: the planner misjudges `tags @>` as rare and would sort every
  // tagged ticket per branch; a filter on the index-ordered scan stops after one page.
  if (f.tag) c.push(sql`array_position(t.tags, ${f.tag}::text) is not null`);
  if (f.plan)
    c.push(sql`exists (select 1 from accounts fa where fa.id = t.account_id and fa.plan = ${f.plan})`);
  if (f.enforcementReason)
    c.push(
      sql`exists (select 1 from enforcements fe where fe.id = t.enforcement_id and fe.reason = ${f.enforcementReason})`,
    );
  return c;
}
