import { EnforcementReason } from "@trustdesk/domain";
import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";
import { type MetricsWindow, num, numOrNull, share } from "./metrics-window.ts";

interface DailyRow {
  day: string;
  reason: EnforcementReason;
  opened: string;
  lifted: string;
}

interface ReasonRow {
  reason: EnforcementReason | null;
  lifted: string;
  median_ms: number | null;
  p90_ms: number | null;
}

interface CohortRow {
  reason: EnforcementReason | null;
  opened: string;
  lifted: string;
}

/** The dormancy scan's warnings per UTC day of the window (zero days included), from `dormancy_warnings`. */
export async function countDormancyWarnings(
  deps: ServiceDeps,
  w: MetricsWindow,
): Promise<Array<{ day: string; warnings: number }> | null> {
  const rows = await sql<{ day: string; warnings: string }>`
    select to_char(d.day, 'YYYY-MM-DD') as day, count(w.account_id) as warnings
      from generate_series(${w.firstDay}::date, ${w.lastDay}::date, interval '1 day') as d(day)
      left join dormancy_warnings w on w.sent_on = d.day::date
     group by d.day order by d.day`.execute(deps.db);
  return rows.rows.map((r) => ({ day: r.day, warnings: Number(r.warnings) }));
}

/**
 * Enforcement numbers: opened and lifted per reason per day, time from enforcement to lift per
 * reason (median, p90), the reactivation rate (of the enforcements opened in the range, the share
 * lifted by its end) and the dormancy deactivations and warnings per day.
 */
export async function getEnforcementMetrics(deps: ServiceDeps, w: MetricsWindow) {
  const days = sql`generate_series(${w.firstDay}::date, ${w.lastDay}::date, interval '1 day')`;
  const reasons = EnforcementReason.options;

  const daily = sql<DailyRow>`
    with opened as (
      select (e.created_at at time zone 'UTC')::date as day, e.reason::text as reason, count(*) as n
        from enforcements e where e.created_at >= ${w.start} and e.created_at < ${w.end} group by 1, 2
    ),
    lifted as (
      select (e.lifted_at at time zone 'UTC')::date as day, e.reason::text as reason, count(*) as n
        from enforcements e where e.lifted_at >= ${w.start} and e.lifted_at < ${w.end} group by 1, 2
    )
    select to_char(d.day, 'YYYY-MM-DD') as day, r.reason,
           coalesce(o.n, 0) as opened, coalesce(l.n, 0) as lifted
      from (select g::date as day from ${days} g) d
     cross join unnest(${reasons}::text[]) as r(reason)
      left join opened o on o.day = d.day and o.reason = r.reason
      left join lifted l on l.day = d.day and l.reason = r.reason
     order by d.day, r.reason`.execute(deps.db);

  // How long a restriction lasts: the lifts made in the range, from enforcement to lift.
  const timeToLift = sql<ReasonRow>`
    with l as (
      select e.reason, extract(epoch from (e.lifted_at - e.created_at)) * 1000 as ms
        from enforcements e where e.lifted_at >= ${w.start} and e.lifted_at < ${w.end}
    )
    select reason, count(*) as lifted,
           percentile_cont(0.5) within group (order by ms) as median_ms,
           percentile_cont(0.9) within group (order by ms) as p90_ms
      from l group by grouping sets ((reason), ())`.execute(deps.db);

  // Reactivation rate as a cohort: of the enforcements opened in the range, how many were lifted
  // by its end (a later lift does not change a past range's number).
  const cohort = sql<CohortRow>`
    select e.reason, count(*) as opened, count(*) filter (where e.lifted_at < ${w.end}) as lifted
      from enforcements e where e.created_at >= ${w.start} and e.created_at < ${w.end}
     group by grouping sets ((e.reason), ())`.execute(deps.db);

  const [d, t, c, warnings] = await Promise.all([daily, timeToLift, cohort, countDormancyWarnings(deps, w)]);

  const byDay = new Map<
    string,
    { opened: Record<EnforcementReason, number>; lifted: Record<EnforcementReason, number> }
  >();
  for (const row of d.rows) {
    const entry = byDay.get(row.day) ?? { opened: emptyByReason(), lifted: emptyByReason() };
    entry.opened[row.reason] = num(row.opened);
    entry.lifted[row.reason] = num(row.lifted);
    byDay.set(row.day, entry);
  }
  const perDay = [...byDay].map(([day, x]) => ({ day, ...x }));
  const warningsByDay = warnings ? new Map(warnings.map((x) => [x.day, x.warnings])) : null;

  const reasonRow = (reason: EnforcementReason | null) => {
    const lift = t.rows.find((x) => x.reason === reason);
    const opened = c.rows.find((x) => x.reason === reason);
    const cohortOpened = num(opened?.opened);
    const cohortLifted = num(opened?.lifted);
    return {
      lifts: num(lift?.lifted),
      medianMs: numOrNull(lift?.median_ms),
      p90Ms: numOrNull(lift?.p90_ms),
      opened: cohortOpened,
      liftedOfOpened: cohortLifted,
      reactivationRate: share(cohortLifted, cohortOpened),
    };
  };

  return {
    perDay,
    byReason: reasons.map((reason) => ({ reason, ...reasonRow(reason) })),
    allReasons: reasonRow(null),
    dormancy: {
      /** False until the dormancy scan records its warnings (see countDormancyWarnings). */
      warningsRecorded: warningsByDay !== null,
      days: perDay.map((x) => ({
        day: x.day,
        deactivations: x.opened.dormancy,
        reactivations: x.lifted.dormancy,
        warnings: warningsByDay ? (warningsByDay.get(x.day) ?? 0) : null,
      })),
    },
  };
}

function emptyByReason(): Record<EnforcementReason, number> {
  return Object.fromEntries(EnforcementReason.options.map((r) => [r, 0])) as Record<
    EnforcementReason,
    number
  >;
}
