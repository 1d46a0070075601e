import { type Kysely, sql } from "kysely";

/**
 * Account-takeover recovery: the only way back into an account suspended for takeover.
 *
 * - `customer_email_history` keeps every address a customer user has held, maintained by a trigger
 *   so no code path can change an address without leaving a trace. The recovery code goes to the
 *   address the owner had *before* the compromise, which a thief who changed it cannot redirect.
 * - `takeover_recovery_challenges` holds one-time codes (HMAC only, never the code), each bound to
 *   the enforcement it recovers from, short-lived, single-use and with a bounded number of tries.
 * - `api_keys.created_during_suspension` marks keys made while the account was suspended for
 *   takeover: they stay unusable until the lift, and the lift review lists them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table customer_email_history (
  id uuid primary key default gen_random_uuid(),
  customer_user_id uuid not null references customer_users(id) on delete cascade,
  email text not null,
  valid_from timestamptz not null,
  valid_to timestamptz,
  check (valid_to is null or valid_to >= valid_from)
);
create index customer_email_history_user_idx on customer_email_history (customer_user_id, valid_from);
create unique index customer_email_history_current on customer_email_history (customer_user_id) where valid_to is null;

insert into customer_email_history (customer_user_id, email, valid_from)
  select id, email, created_at from customer_users;

create function customer_email_history_track() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into customer_email_history (customer_user_id, email, valid_from) values (new.id, new.email, new.created_at);
  elsif new.email is distinct from old.email then
    update customer_email_history set valid_to = now() where customer_user_id = new.id and valid_to is null;
    insert into customer_email_history (customer_user_id, email, valid_from) values (new.id, new.email, now());
  end if;
  return new;
end $$;
create trigger customer_email_history_track after insert or update of email on customer_users
  for each row execute function customer_email_history_track();

create table takeover_recovery_challenges (
  id uuid primary key default gen_random_uuid(),
  customer_user_id uuid not null references customer_users(id) on delete cascade,
  enforcement_id uuid not null references enforcements(id) on delete cascade,
  -- The address the code was sent to (the owner's address from before the compromise).
  sent_to text not null,
  code_hash bytea not null,
  attempts integer not null default 0 check (attempts >= 0),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  requested_ip inet
);
create index takeover_recovery_challenges_live_idx on takeover_recovery_challenges (customer_user_id, created_at desc)
  where used_at is null;

alter table api_keys add column created_during_suspension boolean not null default false;
`)
    .execute(db);
}
