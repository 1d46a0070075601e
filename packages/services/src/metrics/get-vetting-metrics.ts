import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";
import { type MetricsWindow, num } from "./metrics-window.ts";

interface DailyRow {
  day: string;
  approve: string;
  review: string;
  reject: string;
}

interface FollowUpRow {
  outcome: "review" | "reject";
  decisions: string;
  approved: string;
  rejected: string;
  undecided: string;
}

/**
 * Sign-up vetting: the policy's outcomes per day (approve / review / reject), and what agents later
 * decided on the reviews and rejections of the range. A decision is "overturned" when the account's
 * latest staff decision after it is an approval (a review approved, or a rejection approved on appeal).
 */
export async function getVettingMetrics(deps: ServiceDeps, w: MetricsWindow) {
  const days = sql`generate_series(${w.firstDay}::date, ${w.lastDay}::date, interval '1 day')`;
  const daily = sql<DailyRow>`
    with v as (
      select (v.created_at at time zone 'UTC')::date as day, v.outcome
        from vetting_decisions v
       where v.decided_by = 'policy' and v.created_at >= ${w.start} and v.created_at < ${w.end}
    )
    select to_char(d.day, 'YYYY-MM-DD') as day,
           count(v.outcome) filter (where v.outcome = 'approve') as approve,
           count(v.outcome) filter (where v.outcome = 'review') as review,
           count(v.outcome) filter (where v.outcome = 'reject') as reject
      from (select g::date as day from ${days} g) d
      left join v on v.day = d.day
     group by d.day order by d.day`.execute(deps.db);

  const followUp = sql<FollowUpRow>`
    select p.outcome, count(*) as decisions,
           count(*) filter (where later.outcome = 'approve') as approved,
           count(*) filter (where later.outcome = 'reject') as rejected,
           count(*) filter (where later.outcome is null) as undecided
      from vetting_decisions p
      left join lateral (
        select s.outcome from vetting_decisions s
         where s.account_id = p.account_id and s.decided_by = 'staff' and s.created_at >= p.created_at
         order by s.created_at desc, s.id desc limit 1
      ) later on true
     where p.decided_by = 'policy' and p.outcome in ('review', 'reject')
       and p.created_at >= ${w.start} and p.created_at < ${w.end}
     group by p.outcome`.execute(deps.db);

  const [d, f] = await Promise.all([daily, followUp]);
  const of = (outcome: "review" | "reject") => {
    const row = f.rows.find((x) => x.outcome === outcome);
    return {
      decisions: num(row?.decisions),
      approved: num(row?.approved),
      rejected: num(row?.rejected),
      undecided: num(row?.undecided),
    };
  };
  const reviews = of("review");
  const rejections = of("reject");
  return {
    days: d.rows.map((row) => ({
      day: row.day,
      approve: num(row.approve),
      review: num(row.review),
      reject: num(row.reject),
    })),
    reviews,
    rejections,
    /** Reviews approved by an agent, and rejections approved on appeal. */
    overturned: reviews.approved + rejections.approved,
  };
}
