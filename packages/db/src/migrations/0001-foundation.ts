import { type Kysely, sql } from "kysely";

/**
 * The product's whole vocabulary in one schema: accounts and their users, staff, sessions, cases,
 * enforcements, sign-up vetting, API keys and their exposures, tickets, activity, the audit log
 * and the mail outbox. Rules that must never drift live in the
 * database as well as in code: checks on every enumerated column, foreign keys everywhere,
 * one active enforcement per (account, reason), and an append-only audit log.
 *
 * An account's restriction is deliberately *not* a column: it is derived from its active
 * enforcements (see the `account_standing` view), so it can never disagree with them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create extension if not exists pgcrypto;

create table accounts (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  plan text not null default 'free' check (plan in ('free', 'essentials', 'pro', 'premier')),
  website text,
  country char(2),
  signup_ip inet,
  created_at timestamptz not null default now(),
  closed_at timestamptz
);
create index accounts_created_at_idx on accounts (created_at);

create table customer_users (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('owner', 'admin', 'member')),
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  totp_secret_enc text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index customer_users_email_key on customer_users (email);
create index customer_users_account_idx on customer_users (account_id);
create unique index customer_users_one_owner on customer_users (account_id) where role = 'owner';

create table staff_users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('agent', 'lead', 'admin', 'fraud_analyst', 'security_analyst')),
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  totp_secret_enc text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index staff_users_email_key on staff_users (email);

-- One table for both realms, but a session belongs to exactly one of them and says which:
-- a staff cookie can never resolve to a customer and the other way round.
create table sessions (
  id uuid primary key default gen_random_uuid(),
  token_hash bytea not null unique,
  realm text not null check (realm in ('customer', 'staff')),
  customer_user_id uuid references customer_users(id) on delete cascade,
  staff_user_id uuid references staff_users(id) on delete cascade,
  -- full: everything the role allows; recovery: ATO recovery sign-in (reset password, 2FA, takeover ticket);
  -- second_factor: password checked, TOTP still to verify; totp_enrolment: staff password checked, must enrol TOTP.
  stage text not null check (stage in ('full', 'recovery', 'second_factor', 'totp_enrolment')),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip inet,
  user_agent text,
  revoked_at timestamptz,
  revoked_reason text,
  check ((realm = 'customer') = (customer_user_id is not null)),
  check ((realm = 'staff') = (staff_user_id is not null))
);
create index sessions_customer_user_idx on sessions (customer_user_id) where revoked_at is null;
create index sessions_staff_user_idx on sessions (staff_user_id) where revoked_at is null;

create table recovery_codes (
  id uuid primary key default gen_random_uuid(),
  customer_user_id uuid references customer_users(id) on delete cascade,
  staff_user_id uuid references staff_users(id) on delete cascade,
  code_hash bytea not null,
  created_at timestamptz not null default now(),
  used_at timestamptz,
  check ((customer_user_id is null) <> (staff_user_id is null))
);
create index recovery_codes_customer_idx on recovery_codes (customer_user_id) where used_at is null;
create index recovery_codes_staff_idx on recovery_codes (staff_user_id) where used_at is null;

create table password_reset_tokens (
  id uuid primary key default gen_random_uuid(),
  customer_user_id uuid not null references customer_users(id) on delete cascade,
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  requested_ip inet
);
create index password_reset_tokens_user_idx on password_reset_tokens (customer_user_id);

-- Fixed-window counters shared by every API instance.
create table rate_limit_counters (
  key text primary key,
  window_started_at timestamptz not null,
  hits integer not null
);

create sequence case_number_seq start 1000;
create table cases (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  account_id uuid not null references accounts(id) on delete cascade,
  reason text not null check (reason in ('account_takeover', 'signup_vetting', 'dormancy', 'exposed_credentials', 'manual')),
  status text not null default 'open' check (status in ('open', 'resolved')),
  hotline_number text,
  summary text not null,
  opened_by_staff_id uuid references staff_users(id),
  opened_by_service text,
  created_at timestamptz not null default now(),
  resolved_at timestamptz
);
create index cases_account_idx on cases (account_id);

create table enforcements (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  reason text not null check (reason in ('account_takeover', 'signup_vetting', 'dormancy', 'exposed_credentials', 'manual')),
  status text not null default 'active' check (status in ('active', 'lifted')),
  policy_code text not null,
  evidence jsonb not null default '{}'::jsonb,
  note text,
  case_id uuid references cases(id),
  created_by_staff_id uuid references staff_users(id),
  created_by_service text,
  created_at timestamptz not null default now(),
  lifted_at timestamptz,
  lifted_by_staff_id uuid references staff_users(id),
  lift_approved_by_staff_id uuid references staff_users(id),
  lift_decision jsonb,
  check ((status = 'lifted') = (lifted_at is not null))
);
create unique index enforcements_one_active_per_reason on enforcements (account_id, reason)
  where status = 'active' and reason <> 'manual';
create index enforcements_active_idx on enforcements (account_id) where status = 'active';

create view account_standing as
  select a.id as account_id,
         case when a.closed_at is not null then 'closed'
              when exists (select 1 from enforcements e where e.account_id = a.id and e.status = 'active') then 'restricted'
              else 'active' end as state
    from accounts a;

create table vetting_policies (
  id uuid primary key default gen_random_uuid(),
  version integer not null unique,
  rules jsonb not null,
  review_threshold integer not null,
  reject_threshold integer not null,
  active boolean not null default false,
  created_by_staff_id uuid references staff_users(id),
  created_at timestamptz not null default now(),
  check (reject_threshold > review_threshold)
);
create unique index vetting_policies_one_active on vetting_policies (active) where active;

create table vetting_decisions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  policy_version integer,
  outcome text not null check (outcome in ('approve', 'review', 'reject')),
  score integer not null default 0,
  fired_rules jsonb not null default '[]'::jsonb,
  signals jsonb not null default '{}'::jsonb,
  decided_by text not null check (decided_by in ('policy', 'staff')),
  decided_by_staff_id uuid references staff_users(id),
  note text,
  created_at timestamptz not null default now(),
  check ((decided_by = 'staff') = (decided_by_staff_id is not null))
);
create index vetting_decisions_account_idx on vetting_decisions (account_id, created_at desc);
create index vetting_decisions_review_idx on vetting_decisions (created_at) where outcome = 'review';

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  -- The public half of SG.<key id>.<secret>; the secret itself is kept only as a SHA-256 hash
  -- (it carries 256 bits of randomness, so a slow hash adds nothing).
  key_id text not null unique check (key_id ~ '^[A-Za-z0-9_-]{22}$'),
  secret_hash bytea not null,
  created_by_user_id uuid references customer_users(id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  disabled_at timestamptz,
  revoked_at timestamptz,
  revoked_reason text
);
create index api_keys_account_idx on api_keys (account_id);

create table credential_exposures (
  id uuid primary key default gen_random_uuid(),
  api_key_id uuid not null references api_keys(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  source text not null check (source in ('partner_webhook', 'exposure_scan', 'ticket', 'staff')),
  location text not null,
  found_at timestamptz not null default now(),
  case_id uuid references cases(id),
  enforcement_id uuid references enforcements(id),
  unique (api_key_id, source, location)
);
create index credential_exposures_account_idx on credential_exposures (account_id);

create sequence ticket_number_seq start 1001;
create table tickets (
  id uuid primary key default gen_random_uuid(),
  number bigint not null unique default nextval('ticket_number_seq'),
  account_id uuid not null references accounts(id) on delete cascade,
  opened_by_user_id uuid references customer_users(id) on delete set null,
  category text not null check (category in ('account_takeover', 'signup_vetting', 'dormant_account', 'exposed_credentials', 'other')),
  subject text not null check (length(subject) between 3 and 200),
  status text not null default 'new' check (status in ('new', 'open', 'pending_customer', 'on_hold', 'solved', 'closed')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  form jsonb not null default '{}'::jsonb,
  assignee_staff_id uuid references staff_users(id),
  case_id uuid references cases(id),
  enforcement_id uuid references enforcements(id),
  escalated_at timestamptz,
  first_response_at timestamptz,
  -- Set by the aging sweep when a ticket crosses 24 h / 48 h without a first response.
  age_alarm text check (age_alarm in ('24h', '48h')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  solved_at timestamptz
);
create index tickets_account_idx on tickets (account_id, created_at desc);
create index tickets_queue_idx on tickets (created_at) where status in ('new', 'open', 'pending_customer', 'on_hold');
create index tickets_awaiting_first_response_idx on tickets (created_at) where first_response_at is null and status <> 'closed';
create index tickets_assignee_idx on tickets (assignee_staff_id) where status in ('new', 'open', 'pending_customer', 'on_hold');

create table ticket_messages (
  id uuid primary key default gen_random_uuid(),
  ticket_id uuid not null references tickets(id) on delete cascade,
  author_customer_user_id uuid references customer_users(id) on delete set null,
  author_staff_id uuid references staff_users(id),
  visibility text not null check (visibility in ('public', 'internal')),
  body text not null check (length(body) between 1 and 20000),
  redacted_key_count integer not null default 0,
  created_at timestamptz not null default now(),
  check (not (author_customer_user_id is not null and visibility = 'internal'))
);
create index ticket_messages_ticket_idx on ticket_messages (ticket_id, created_at);

create table attachments (
  id uuid primary key default gen_random_uuid(),
  ticket_message_id uuid not null references ticket_messages(id) on delete cascade,
  filename text not null check (length(filename) between 1 and 255),
  content_type text not null,
  size_bytes integer not null check (size_bytes between 0 and 10485760),
  sha256 bytea not null,
  content bytea not null,
  created_at timestamptz not null default now()
);
create index attachments_message_idx on attachments (ticket_message_id);

-- Per-account daily activity rollups (mail sent, API calls, sign-ins) read by the dormancy scan.
create table activity_daily (
  account_id uuid not null references accounts(id) on delete cascade,
  day date not null,
  mail_sent bigint not null default 0 check (mail_sent >= 0),
  api_calls bigint not null default 0 check (api_calls >= 0),
  sign_ins bigint not null default 0 check (sign_ins >= 0),
  primary key (account_id, day)
);
create index activity_daily_day_idx on activity_daily (day);

create table audit_events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('customer', 'staff', 'service', 'system')),
  actor_id text,
  action text not null,
  subject_type text not null,
  subject_id text,
  account_id uuid,
  before jsonb,
  after jsonb,
  request_id text,
  ip inet
);
create index audit_events_account_idx on audit_events (account_id, occurred_at desc);
create index audit_events_subject_idx on audit_events (subject_type, subject_id);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_events_no_update before update or delete or truncate on audit_events
  for each statement execute function audit_events_append_only();

-- Transactional outbox: written in the same transaction as the change that caused the mail.
create table mail_outbox (
  id uuid primary key default gen_random_uuid(),
  to_address text not null,
  template text not null,
  subject text not null,
  text_body text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_pending_idx on mail_outbox (next_attempt_at) where status = 'pending';
`)
    .execute(db);
}
