import type { Executor } from "@trustdesk/db";
import type { AccountPlan, DormancyPolicy } from "@trustdesk/domain";
import { type RawBuilder, sql } from "kysely";

/** What the scan decided for one account that needs a warning or a deactivation. */
export interface DormancyCandidate {
  accountId: string;
  accountName: string;
  plan: AccountPlan;
  action: "warn" | "deactivate";
  /** Warn only: the lead time of this warning. */
  leadDays: number | null;
  idleSince: string;
  deactivateOn: string;
  /** Evidence: last day with mail, an API call or a sign-in; null: never. */
  lastActivityDay: string | null;
  periodDays: number;
}

/** Every account of a selection, by outcome (`dormancyAction`'s kinds, exemptions by why). */
export interface DormancyCounts {
  scanned: number;
  active: number;
  warn: number;
  warned: number;
  deactivate: number;
  exemptClosed: number;
  exemptRestricted: number;
  exemptPlan: number;
}

export interface DormancySelection {
  counts: DormancyCounts;
  /** The highest account id selected (the next batch starts after it); null: nothing selected. */
  lastId: string | null;
  candidates: DormancyCandidate[];
}

/** Which accounts to decide: a keyset batch of a key range, or named accounts (under their locks). */
export type DormancyScope =
  | { kind: "batch"; after: string | null; until: string | null; limit: number }
  | { kind: "accounts"; ids: readonly string[] };

/**
 * `dormancyAction` of `domain` as one set-based statement over a batch of accounts: the same rule,
 * evaluated by PostgreSQL for every account of the batch at once, returning the counts per outcome
 * and only the accounts that need something done. Per account it reads, each through an index
 * (no sequential scan, whatever the batch): its last rollup day with activity (`activity_daily`
 * primary key, backwards, one row), its users' last sign-in, whether an enforcement is active, its
 * last dormancy reactivation, and the warnings of its current idle period (`dormancy_warnings`
 * primary key). The tests compare this statement with `dormancyAction` account by account.
 */
export async function selectDormancyActions(
  db: Executor,
  policy: DormancyPolicy,
  asOfDay: string,
  scope: DormancyScope,
): Promise<DormancySelection> {
  const accounts: RawBuilder<unknown> =
    scope.kind === "batch"
      ? sql`select a.id, a.name, a.plan, a.closed_at, a.created_at from accounts a
             where ${scope.after === null ? sql`true` : sql`a.id > ${scope.after}::uuid`}
               and ${scope.until === null ? sql`true` : sql`a.id <= ${scope.until}::uuid`}
             order by a.id limit ${scope.limit}`
      : sql`select a.id, a.name, a.plan, a.closed_at, a.created_at from accounts a
             where a.id = any(${scope.ids as string[]}::uuid[])`;
  const asOf = sql`${asOfDay}::date`;
  const leads = sql`${policy.warningLeadDays}::int[]`;
  const result = await sql<{ result: DormancySelection }>`
    with batch as (${accounts}),
    facts as (
      select b.id, b.name, b.plan, b.closed_at is not null as closed,
             exists (select 1 from enforcements e where e.account_id = b.id and e.status = 'active') as restricted,
             (${JSON.stringify(policy.periodDays)}::jsonb ->> b.plan)::int as period,
             -- greatest() skips nulls: an account never active idles from its creation.
             greatest(act.day, (si.at at time zone 'UTC')::date) as last_activity_day,
             (b.created_at at time zone 'UTC')::date as created_day,
             (rl.at at time zone 'UTC')::date as reactivated_day
        from batch b
        left join lateral (
          select d.day from activity_daily d
           where d.account_id = b.id and (d.mail_sent > 0 or d.api_calls > 0 or d.sign_ins > 0)
           order by d.day desc limit 1) act on true
        left join lateral (
          select max(u.last_sign_in_at) as at from customer_users u where u.account_id = b.id) si on true
        left join lateral (
          select max(e.lifted_at) as at from enforcements e
           where e.account_id = b.id and e.reason = 'dormancy' and e.status = 'lifted') rl on true
    ),
    periods as (
      select f.*, greatest(f.last_activity_day, f.created_day, f.reactivated_day) as idle_since from facts f
    ),
    dated as (
      select p.*, w.first_sent, w.leads_sent,
             greatest(p.idle_since + p.period, coalesce(w.first_sent, ${asOf}) + ${policy.minimumNoticeDays}::int)
               as deactivate_on
        from periods p
        left join lateral (
          select min(w.sent_on) as first_sent, array_agg(w.lead_days) as leads_sent
            from dormancy_warnings w where w.account_id = p.id and w.idle_since = p.idle_since) w
          on not p.closed and not p.restricted and p.period is not null
    ),
    leads as (
      select d.*, (select min(l) from unnest(${leads}) l where l >= d.deactivate_on - ${asOf}) as lead from dated d
    ),
    decided as (
      select l.*,
             case when l.closed then 'exemptClosed'
                  when l.restricted then 'exemptRestricted'
                  when l.period is null then 'exemptPlan'
                  when l.first_sent is not null and l.deactivate_on <= ${asOf} then 'deactivate'
                  when l.lead is null then 'active'
                  when l.lead = any(l.leads_sent) then 'warned'
                  else 'warn' end as action
        from leads l
    )
    select json_build_object(
      'lastId', (select max(id::text) from decided),
      'counts', (select json_object_agg(action, n) from (select action, count(*) as n from decided group by action) c),
      'candidates', (select coalesce(json_agg(json_build_object(
          'accountId', id, 'accountName', name, 'plan', plan, 'action', action,
          'leadDays', case when action = 'warn' then lead end,
          'idleSince', idle_since, 'deactivateOn', deactivate_on,
          'lastActivityDay', last_activity_day, 'periodDays', period) order by id), '[]'::json)
        from decided where action in ('warn', 'deactivate'))
    ) as result`.execute(db);
  const raw = result.rows[0]?.result as unknown as {
    lastId: string | null;
    counts: Partial<Record<keyof DormancyCounts, number>> | null;
    candidates: DormancyCandidate[];
  };
  const c = raw.counts ?? {};
  const counts: DormancyCounts = {
    scanned: 0,
    active: c.active ?? 0,
    warn: c.warn ?? 0,
    warned: c.warned ?? 0,
    deactivate: c.deactivate ?? 0,
    exemptClosed: c.exemptClosed ?? 0,
    exemptRestricted: c.exemptRestricted ?? 0,
    exemptPlan: c.exemptPlan ?? 0,
  };
  counts.scanned = Object.values(counts).reduce((a, b) => a + b, 0);
  return { counts, lastId: raw.lastId, candidates: raw.candidates };
}
