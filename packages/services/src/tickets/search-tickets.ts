import { SearchTicketsInput, type TicketSearchMatch } from "@trustdesk/domain";
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

/** Highlight markers: control characters never survive into stored text, so they cannot collide. */
const HIT_START = "\u0001";
const HIT_END = "\u0002";
const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

interface SearchRowSql extends QueueRowSql {
  rank_key?: string;
  headline?: string | null;
}

/**
 * Staff search. A query that looks like an identifier is looked up directly — ticket number (`1042`,
 * `#1042`), case number (`TD-2026-001042`), account id (a UUID), customer email, or API key id
 * (`SG.` + at least 4 characters of the public key id; a pasted full key is cut at the id, the secret
 * is never used) — and, when that finds nothing, searched as words. Words are PostgreSQL full text
 * (`websearch_to_tsquery`: "quoted phrases", `or`, `-not`) over ticket subjects and the public
 * replies and internal notes of the conversation, ranked with `ts_rank` (a subject hit counts
 * double), one row per ticket with a highlighted snippet of its best-matching message. Pages are
 * keyset: (rank, ticket id) for words, ticket number for look-ups.
 */
export async function searchTickets(deps: ServiceDeps, rawInput: SearchTicketsInput) {
  const input = SearchTicketsInput.parse(rawInput);
  const take = input.limit + 1;
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const now = deps.now();

  if (!cursor || cursor.s === "lookup") {
    const lookup = lookUp(input.query);
    if (lookup) {
      const after = cursor ? cursorNumber(cursor) : null;
      const rows = await executeRows<SearchRowSql>(
        deps.db,
        withNames(
          sql`select ${QUEUE_ROW_COLUMNS} from tickets t where ${lookup.where}
              ${after ? sql`and t.number < ${after}` : sql``}
              order by t.number desc limit ${take}`,
          sql`number desc`,
        ),
      );
      if (rows.length > 0 || cursor) {
        const page = rows.slice(0, input.limit);
        const last = page.at(-1);
        return {
          matchedBy: lookup.match,
          rows: page.map((t) => ({ ...presentQueueRow(t, now), snippet: null })),
          nextCursor:
            rows.length > input.limit && last ? encodeCursor({ s: "lookup", n: last.number }) : null,
        };
      }
    }
  }
  if (cursor && cursor.s !== "fts") throw badCursor();
  const after = cursor ? ftsCursor(cursor) : null;
  const rows = await executeRows<SearchRowSql>(
    deps.db,
    sql`
      with q as (select websearch_to_tsquery('english', ${input.query}) as query),
      hits as (
        select t.id as ticket_id, (ts_rank(t.subject_vector, q.query) * 2)::real as rank, null::uuid as message_id
          from tickets t, q
         where t.subject_vector @@ q.query
        union all
        select m.ticket_id, ts_rank(m.search_vector, q.query), m.id
          from ticket_messages m, q
         where m.search_vector @@ q.query and m.visibility in ('public', 'internal')
      ),
      best as (
        select distinct on (ticket_id) ticket_id, rank, message_id
          from hits
         order by ticket_id, rank desc, message_id nulls first
      ),
      page as (
        select * from best
        ${after ? sql`where (rank, ticket_id) < (${after.k}::real, ${after.i}::uuid)` : sql``}
        order by rank desc, ticket_id desc
        limit ${take}
      )
      select ${QUEUE_ROW_COLUMNS}, a.name as account_name, a.plan, s.name as assignee_name,
             page.rank::text as rank_key,
             ts_headline('english', coalesce(m.body, t.subject), q.query, ${HEADLINE_OPTIONS}) as headline
        from page
        join tickets t on t.id = page.ticket_id
        join accounts a on a.id = t.account_id
        left join staff_users s on s.id = t.assignee_staff_id
        left join ticket_messages m on m.id = page.message_id
        cross join q
       order by page.rank desc, t.id desc`,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    matchedBy: "full_text" as TicketSearchMatch,
    rows: page.map((t) => ({ ...presentQueueRow(t, now), snippet: segments(t.headline ?? "") })),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ s: "fts", k: last.rank_key ?? "0", i: last.id })
        : null,
  };
}
export type TicketSearchResult = Awaited<ReturnType<typeof searchTickets>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function lookUp(raw: string): { match: TicketSearchMatch; where: RawBuilder<unknown> } | null {
  const q = raw.trim();
  const number = /^#?(\d{1,15})$/.exec(q);
  if (number) return { match: "ticket_number", where: sql`t.number = ${number[1]}` };
  if (/^TD-\d{4}-\d{1,12}$/i.test(q))
    return {
      match: "case_number",
      where: sql`t.case_id = (select c.id from cases c where c.number = ${q.toUpperCase()})`,
    };
  if (UUID.test(q)) return { match: "account_id", where: sql`t.account_id = ${q.toLowerCase()}::uuid` };
  if (/^[^\s@]+@[^\s@]+$/.test(q))
    return {
      match: "customer_email",
      where: sql`t.account_id = (select u.account_id from customer_users u where u.email = ${q.toLowerCase()})`,
    };
  const key = /^SG\.([A-Za-z0-9_-]{4,22})/.exec(q);
  if (key?.[1]) {
    // `_` is a LIKE wildcard; escape it so the prefix means exactly what was typed.
    const prefix = key[1].replace(/[\\_%]/g, (c) => `\\${c}`);
    return {
      match: "api_key",
      where: sql`t.account_id in (select k.account_id from api_keys k where k.key_id like ${`${prefix}%`} limit 20)`,
    };
  }
  return null;
}

function cursorNumber(c: Record<string, unknown>): string {
  if (typeof c.n !== "string" || !/^\d{1,18}$/.test(c.n)) throw badCursor();
  return c.n;
}

function ftsCursor(c: Record<string, unknown>): { k: string; i: string } {
  if (typeof c.k !== "string" || !/^[\d.e+-]{1,30}$/i.test(c.k)) throw badCursor();
  if (typeof c.i !== "string" || !UUID.test(c.i)) throw badCursor();
  return { k: c.k, i: c.i };
}

/** The headline as plain pieces, the matched words marked: the browser renders them without HTML. */
function segments(headline: string): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  for (const [i, part] of headline.split(new RegExp(`[${HIT_START}${HIT_END}]`)).entries()) {
    if (part) out.push({ text: part, hit: i % 2 === 1 });
  }
  return out;
}
