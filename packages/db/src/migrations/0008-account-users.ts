import { type Kysely, sql } from "kysely";

/**
 * Account users management: invitations, and removal that keeps history.
 *
 * A removed user keeps their row (tickets, messages, API keys and the audit log point at it) and is
 * marked `removed_at`; sign-in and every look-up by email skip removed rows. The email's uniqueness
 * therefore holds among current users only, so a removed person can be invited again later.
 *
 * An invitation stores only the SHA-256 of its token. At most one invitation per (account, email)
 * is open at a time: inviting again ends the earlier one (`ended_reason = 'replaced'`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table customer_users add column removed_at timestamptz;
drop index customer_users_email_key;
create unique index customer_users_email_key on customer_users (email) where removed_at is null;
-- The owner can never be removed, so the one-owner rule needs no change.

create table account_invitations (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  role text not null check (role in ('admin', 'member')),
  token_hash bytea not null unique check (length(token_hash) = 32),
  invited_by_user_id uuid references customer_users(id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_user_id uuid references customer_users(id) on delete set null,
  ended_at timestamptz,
  ended_reason text check (ended_reason in ('revoked', 'replaced', 'inviter_removed')),
  ended_by_user_id uuid references customer_users(id) on delete set null,
  check ((ended_at is null) = (ended_reason is null)),
  check (accepted_at is null or ended_at is null),
  check (accepted_user_id is null or accepted_at is not null)
);
create unique index account_invitations_one_open on account_invitations (account_id, email)
  where accepted_at is null and ended_at is null;
create index account_invitations_account_idx on account_invitations (account_id, created_at desc);
create index account_invitations_inviter_idx on account_invitations (invited_by_user_id)
  where accepted_at is null and ended_at is null;
`)
    .execute(db);
}
