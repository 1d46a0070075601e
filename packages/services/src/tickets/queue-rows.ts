import type { Db } from "@trustdesk/db";
import {
  type AccountPlan,
  DomainError,
  OPEN_TICKET_STATUSES,
  responseClock,
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
} from "@trustdesk/domain";
import { type RawBuilder, sql } from "kysely";

/**
 * The columns a queue or search row needs, read from `tickets as t` with the account and the
 * assignee joined; only for the rows of one page (≤ 51), never for a whole view.
 */
export const QUEUE_ROW_COLUMNS = sql`
  t.id, t.number, t.subject, t.category, t.status, t.priority, t.tags, t.created_at, t.escalated_at,
  t.first_response_at, t.clock_paused_ms, t.clock_paused_since, t.account_id, t.assignee_staff_id,
  t.queue_rank, t.clock_origin, t.clock_origin::text as origin_key`;

export interface QueueRowSql {
  id: string;
  number: string;
  subject: string;
  category: TicketCategory;
  status: TicketStatus;
  priority: TicketPriority;
  tags: string[];
  created_at: Date;
  escalated_at: Date | null;
  first_response_at: Date | null;
  clock_paused_ms: string;
  clock_paused_since: Date | null;
  account_id: string;
  assignee_staff_id: string | null;
  queue_rank: number;
  origin_key: string;
  account_name: string;
  plan: AccountPlan;
  assignee_name: string | null;
}

/** Joins the account and the assignee onto an already limited page of ticket rows. */
export function withNames(page: RawBuilder<unknown>, order: RawBuilder<unknown>) {
  return sql`
    select p.*, a.name as account_name, a.plan, s.name as assignee_name
      from (${page}) p
      join accounts a on a.id = p.account_id
      left join staff_users s on s.id = p.assignee_staff_id
     order by ${order}`;
}

const OPEN: readonly string[] = OPEN_TICKET_STATUSES;

/** One row as the dashboard shows it: names, never raw ids alone, and the clock from domain. */
export function presentQueueRow(t: QueueRowSql, now: Date) {
  const clock = responseClock(
    {
      createdAt: t.created_at,
      firstResponseAt: t.first_response_at,
      pausedMs: Number(t.clock_paused_ms),
      pausedSince: t.clock_paused_since,
    },
    now,
  );
  // Only a running clock on a ticket the team owes breaches (the views' own condition): a ticket
  // waiting on the customer or on hold is never shown late, whatever its stored clock says.
  const running = clock.state === "running" && (t.status === "new" || t.status === "open");
  return {
    id: t.id,
    number: Number(t.number),
    subject: t.subject,
    category: t.category,
    status: t.status,
    priority: t.priority,
    tags: t.tags,
    createdAt: t.created_at,
    escalatedAt: t.escalated_at,
    account: { id: t.account_id, name: t.account_name, plan: t.plan },
    assignee: t.assignee_staff_id
      ? { id: t.assignee_staff_id, name: t.assignee_name ?? "Former staff" }
      : null,
    clock: { state: clock.state, teamMs: clock.teamMs, alarm: clock.alarm },
    badges: {
      escalated: t.escalated_at !== null && OPEN.includes(t.status),
      breaching: running && clock.alarm === "24h",
      breached: running && clock.alarm === "48h",
    },
  };
}
export type QueueRow = ReturnType<typeof presentQueueRow>;

/** Cursors are opaque to the browser: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw badCursor();
}

export function badCursor() {
  return new DomainError("VALIDATION", "That page of the list is no longer valid. Reload the list.");
}

export function executeRows<T>(db: Db, query: RawBuilder<unknown>): Promise<T[]> {
  return (query as RawBuilder<T>).execute(db).then((r) => r.rows);
}
