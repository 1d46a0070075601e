import { FIRST_RESPONSE_HOURS, TicketCategory } from "@trustdesk/domain";
import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";
import { type MetricsWindow, num, numOrNull, share } from "./metrics-window.ts";

const HOUR_MS = 3_600_000;

/**
 * When a ticket left the backlog: solved, or closed without being solved first. Merged tickets are
 * left out of every ticket number: they are duplicates, and the ticket they went into carries the work.
 * So backlog(day) = backlog(day before) + opened(day) - resolved(day), exactly.
 */
const RESOLVED_AT = sql`coalesce(t.solved_at, t.closed_at)`;

/**
 * The team's time to the first public reply — the response clock of the queue (domain
 * `responseClock`): the reading kept at the reply; for a ticket still waiting and not solved,
 * the clock now (stopped at the start of a pause: `clock_origin` already leaves out past pauses);
 * null for a ticket solved or closed with no reply (it has no first response to measure).
 * Tickets answered before 0018 have no kept reading: the columns give it (see the migration).
 */
function teamMsAt(now: Date) {
  return sql<string | null>`case
    when t.first_response_at is not null then coalesce(t.first_response_team_ms,
      greatest(0, floor(extract(epoch from
        (least(t.first_response_at, coalesce(t.clock_paused_since, t.first_response_at)) - t.clock_origin)) * 1000)))
    when t.status in ('new', 'open', 'pending_customer', 'on_hold') then
      greatest(0, floor(extract(epoch from (coalesce(t.clock_paused_since, ${now}::timestamptz) - t.clock_origin)) * 1000))
    else null end`;
}

interface BacklogRow {
  day: string;
  category: TicketCategory;
  backlog: string;
}

interface FlowRow {
  day: string;
  opened: string;
  resolved: string;
}

interface ResponseRow {
  day: string | null;
  opened: string;
  answered: string;
  waiting: string;
  median_ms: number | null;
  p90_ms: number | null;
  over_expected: string;
  settled_expected: string;
  over_latest: string;
  settled_latest: string;
}

interface ResolutionRow {
  day: string | null;
  resolved: string;
  median_ms: number | null;
  p90_ms: number | null;
}

/** Ticket numbers per day: backlog per category, opened vs resolved, first response, resolution time. */
export async function getTicketMetrics(deps: ServiceDeps, w: MetricsWindow) {
  const days = sql`generate_series(${w.firstDay}::date, ${w.lastDay}::date, interval '1 day')`;
  const categories = TicketCategory.options;

  // Backlog at the end of each day, from the backlog when the range starts plus each day's net change
  // (one pass over the range's tickets, not one count per day).
  const backlog = sql<BacklogRow>`
    with cats as (select unnest(${categories}::text[]) as category),
    start_backlog as (
      select t.category::text as category, count(*) as n from tickets t
       where t.merged_into_ticket_id is null and t.created_at < ${w.start}
         and (${RESOLVED_AT} is null or ${RESOLVED_AT} >= ${w.start})
       group by 1
    ),
    changes as (
      select day, category, sum(delta) as net from (
        select (t.created_at at time zone 'UTC')::date as day, t.category::text as category, 1 as delta
          from tickets t
         where t.merged_into_ticket_id is null and t.created_at >= ${w.start} and t.created_at < ${w.end}
        union all
        select (${RESOLVED_AT} at time zone 'UTC')::date, t.category::text, -1
          from tickets t
         where t.merged_into_ticket_id is null and ${RESOLVED_AT} >= ${w.start} and ${RESOLVED_AT} < ${w.end}
      ) x group by 1, 2
    )
    select to_char(d.day, 'YYYY-MM-DD') as day, c.category,
           coalesce(s.n, 0) + sum(coalesce(ch.net, 0)) over (partition by c.category order by d.day) as backlog
      from (select g::date as day from ${days} g) d
     cross join cats c
      left join start_backlog s on s.category = c.category
      left join changes ch on ch.day = d.day and ch.category = c.category
     order by d.day, c.category`.execute(deps.db);

  const flow = sql<FlowRow>`
    select to_char(d.day, 'YYYY-MM-DD') as day,
           (select count(*) from tickets t where t.merged_into_ticket_id is null
               and t.created_at >= d.day::timestamp at time zone 'UTC'
               and t.created_at < (d.day + 1)::timestamp at time zone 'UTC') as opened,
           (select count(*) from tickets t where t.merged_into_ticket_id is null
               and ${RESOLVED_AT} >= d.day::timestamp at time zone 'UTC'
               and ${RESOLVED_AT} < (d.day + 1)::timestamp at time zone 'UTC') as resolved
      from (select g::date as day from ${days} g) d
     order by d.day`.execute(deps.db);

  // First response by the day the ticket was opened. A promise (24 h, 48 h) is "settled" for a ticket
  // once it is answered or its clock has passed the promise: a ticket waiting 3 h is neither kept
  // nor broken yet, so it counts in neither side of the share.
  const expected = FIRST_RESPONSE_HOURS.expected * HOUR_MS;
  const latest = FIRST_RESPONSE_HOURS.latest * HOUR_MS;
  const response = sql<ResponseRow>`
    with r as (
      select (t.created_at at time zone 'UTC')::date as day, t.first_response_at is not null as answered,
             (${teamMsAt(w.now)})::float8 as team_ms
        from tickets t
       where t.merged_into_ticket_id is null and t.created_at >= ${w.start} and t.created_at < ${w.end}
    )
    select to_char(day, 'YYYY-MM-DD') as day,
           count(*) as opened,
           count(*) filter (where answered) as answered,
           count(*) filter (where not answered and team_ms is not null) as waiting,
           percentile_cont(0.5) within group (order by team_ms) filter (where answered) as median_ms,
           percentile_cont(0.9) within group (order by team_ms) filter (where answered) as p90_ms,
           count(*) filter (where team_ms >= ${expected}) as over_expected,
           count(*) filter (where answered or team_ms >= ${expected}) as settled_expected,
           count(*) filter (where team_ms >= ${latest}) as over_latest,
           count(*) filter (where answered or team_ms >= ${latest}) as settled_latest
      from r
     group by grouping sets ((day), ())
     order by day nulls last`.execute(deps.db);

  // Resolution time (wall clock, opening to solved), by the day the ticket was resolved.
  const resolution = sql<ResolutionRow>`
    with r as (
      select (${RESOLVED_AT} at time zone 'UTC')::date as day,
             extract(epoch from (${RESOLVED_AT} - t.created_at)) * 1000 as ms
        from tickets t
       where t.merged_into_ticket_id is null and ${RESOLVED_AT} >= ${w.start} and ${RESOLVED_AT} < ${w.end}
    )
    select to_char(day, 'YYYY-MM-DD') as day, count(*) as resolved,
           percentile_cont(0.5) within group (order by ms) as median_ms,
           percentile_cont(0.9) within group (order by ms) as p90_ms
      from r
     group by grouping sets ((day), ())
     order by day nulls last`.execute(deps.db);

  const [b, f, r, s] = await Promise.all([backlog, flow, response, resolution]);

  const backlogByDay = new Map<string, Record<TicketCategory, number>>();
  for (const row of b.rows) {
    const entry = backlogByDay.get(row.day) ?? emptyByCategory();
    entry[row.category] = num(row.backlog);
    backlogByDay.set(row.day, entry);
  }
  const responseRow = (row: ResponseRow) => {
    const overExpected = num(row.over_expected);
    const overLatest = num(row.over_latest);
    return {
      opened: num(row.opened),
      answered: num(row.answered),
      waiting: num(row.waiting),
      medianMs: numOrNull(row.median_ms),
      p90Ms: numOrNull(row.p90_ms),
      over24h: overExpected,
      share24h: share(overExpected, num(row.settled_expected)),
      over48h: overLatest,
      share48h: share(overLatest, num(row.settled_latest)),
    };
  };
  const responseByDay = new Map(r.rows.filter((x) => x.day).map((x) => [x.day as string, responseRow(x)]));
  const resolutionByDay = new Map(s.rows.filter((x) => x.day).map((x) => [x.day as string, x]));
  const responseTotal = r.rows.find((x) => x.day === null);
  const resolutionTotal = s.rows.find((x) => x.day === null);

  return {
    backlog: [...backlogByDay].map(([day, byCategory]) => ({
      day,
      byCategory,
      total: categories.reduce((sum, c) => sum + byCategory[c], 0),
    })),
    flow: f.rows.map((row) => ({ day: row.day, opened: num(row.opened), resolved: num(row.resolved) })),
    firstResponse: {
      days: f.rows.map((row) => ({
        day: row.day,
        ...(responseByDay.get(row.day) ?? responseRow(emptyResponse)),
      })),
      total: responseRow(responseTotal ?? emptyResponse),
    },
    resolution: {
      days: f.rows.map((row) => {
        const x = resolutionByDay.get(row.day);
        return {
          day: row.day,
          resolved: num(x?.resolved),
          medianMs: numOrNull(x?.median_ms),
          p90Ms: numOrNull(x?.p90_ms),
        };
      }),
      total: {
        resolved: num(resolutionTotal?.resolved),
        medianMs: numOrNull(resolutionTotal?.median_ms),
        p90Ms: numOrNull(resolutionTotal?.p90_ms),
      },
    },
  };
}

const emptyResponse: ResponseRow = {
  day: null,
  opened: "0",
  answered: "0",
  waiting: "0",
  median_ms: null,
  p90_ms: null,
  over_expected: "0",
  settled_expected: "0",
  over_latest: "0",
  settled_latest: "0",
};

function emptyByCategory(): Record<TicketCategory, number> {
  return Object.fromEntries(TicketCategory.options.map((c) => [c, 0])) as Record<TicketCategory, number>;
}
