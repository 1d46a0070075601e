import { type Kysely, sql } from "kysely";

/**
 * The enforcement core, exactly once under concurrency (the use cases also lock the account row,
 * see `lockAccount`); the constraints here are the backstop that holds whatever the code does.
 *
 * - One open case per account and reason. Races of the old check-then-insert left duplicates
 *   behind, so before the index is built the newer open duplicates are folded into the oldest one:
 *   whatever pointed at them (enforcements, tickets, compromise reports, exposures) is re-pointed,
 *   and they are resolved.
 * - Compromise report ids are the reporter's own ids: unique per staff member and per service
 *   token, no longer across all reporters (two detectors may both number from 1).
 * - Lift requests: the last decline (who, when, why) stays on the enforcement, so the requester
 *   sees why their request went away; the full history is in the audit trail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create temporary table case_duplicates on commit drop as
  select c.id as duplicate_id, keep.id as keep_id
    from cases c
    join lateral (
      select k.id from cases k
       where k.account_id = c.account_id and k.reason = c.reason and k.status = 'open'
       order by k.created_at, k.id
       limit 1
    ) keep on true
   where c.status = 'open' and c.id <> keep.id;
update enforcements e set case_id = d.keep_id from case_duplicates d where e.case_id = d.duplicate_id;
update tickets t set case_id = d.keep_id from case_duplicates d where t.case_id = d.duplicate_id;
update compromise_reports r set case_id = d.keep_id from case_duplicates d where r.case_id = d.duplicate_id;
update credential_exposures x set case_id = d.keep_id from case_duplicates d where x.case_id = d.duplicate_id;
update cases c set status = 'resolved', resolved_at = now()
  from case_duplicates d where c.id = d.duplicate_id;
create unique index cases_one_open_per_reason on cases (account_id, reason) where status = 'open';

alter table compromise_reports
  drop constraint compromise_reports_report_id_key,
  -- NULLs are distinct: a staff report never collides with a service one, and the other way round.
  add constraint compromise_reports_staff_report_key unique (reporter_staff_id, report_id),
  add constraint compromise_reports_service_report_key unique (reporter_service_token_id, report_id);

alter table enforcements
  add column lift_declined_by_staff_id uuid references staff_users(id),
  add column lift_declined_at timestamptz,
  add column lift_decline_note text,
  add constraint enforcements_lift_decline_complete
    check ((lift_declined_by_staff_id is null) = (lift_declined_at is null)
       and (lift_declined_at is null) = (lift_decline_note is null));
`)
    .execute(db);
}
