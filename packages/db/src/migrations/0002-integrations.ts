import { type Kysely, sql } from "kysely";

/**
 * Machine integrations, which feed the enforcement core: service tokens for internal systems, the
 * idempotency ledger of activity events, and compromise reports keyed by their sender's id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table service_tokens (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  -- The first characters of the token, to recognise it in lists; the token itself is kept only as a hash.
  token_prefix text not null,
  token_hash bytea not null unique,
  scopes text[] not null check (cardinality(scopes) > 0 and scopes <@ array['activity:write', 'compromise:write', 'exposure:write']::text[]),
  created_by text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- One row per activity event ever accepted: a retried batch adds nothing to the rollups.
create table activity_events (
  event_id text primary key check (length(event_id) between 1 and 200),
  account_id uuid not null references accounts(id) on delete cascade,
  kind text not null check (kind in ('mail_sent', 'api_call', 'sign_in')),
  quantity integer not null check (quantity between 1 and 1000000),
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  service_token_id uuid references service_tokens(id)
);
create index activity_events_received_idx on activity_events (received_at);

create table compromise_reports (
  id uuid primary key default gen_random_uuid(),
  -- The sender's own id for the report: a retry with the same id creates nothing new.
  report_id text not null check (length(report_id) between 1 and 200),
  source text not null check (source in ('staff', 'service')),
  reporter_staff_id uuid references staff_users(id),
  reporter_service_token_id uuid references service_tokens(id),
  account_id uuid not null references accounts(id) on delete cascade,
  summary text not null,
  signals jsonb not null default '[]'::jsonb,
  enforcement_id uuid references enforcements(id),
  case_id uuid references cases(id),
  received_at timestamptz not null default now(),
  unique (report_id),
  check ((source = 'staff') = (reporter_staff_id is not null)),
  check ((source = 'service') = (reporter_service_token_id is not null))
);
create index compromise_reports_account_idx on compromise_reports (account_id);
`)
    .execute(db);
}
