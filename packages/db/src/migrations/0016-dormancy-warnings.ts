import { type Kysely, sql } from "kysely";

/**
 * The dormancy scan's memory: one row per warning sent, unique per (account, idle period, lead
 * time), so each warning goes out once however often the scan runs — also when two workers scan the
 * same accounts at once (the insert is ON CONFLICT DO NOTHING, and only inserted rows are mailed).
 *
 * `idle_since` names the idle period: the day of the account's last activity (or its creation, or
 * its last reactivation). Activity starts a new period, so the old period's warnings stop counting:
 * that is how activity cancels a warning, without a write on the hot path of activity ingestion.
 * `sent_on` is the scan's day (its `--as-of`), from which the minimum notice is counted.
 *
 * The partial index finds an account's last dormancy reactivation (a lifted dormancy enforcement)
 * without reading its other enforcements.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table dormancy_warnings (
  account_id uuid not null references accounts(id) on delete cascade,
  idle_since date not null,
  lead_days integer not null check (lead_days between 1 and 365),
  sent_on date not null,
  deactivate_on date not null check (deactivate_on >= sent_on),
  sent_at timestamptz not null default now(),
  primary key (account_id, idle_since, lead_days)
);

create index enforcements_dormancy_lifted_idx on enforcements (account_id, lifted_at)
  where reason = 'dormancy' and status = 'lifted';
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index enforcements_dormancy_lifted_idx; drop table dormancy_warnings;").execute(db);
}
