import { type Kysely, sql } from "kysely";

/**
 * Sign-up and password-reset requests that answer the same for every address. The form's request
 * writes one row (same cost whether or not the address has an account); a background pass beside
 * the outbox decides what to mail. A sign-up becomes an account only when its emailed link is
 * opened: the link's token is stored hashed and expires, the row is deleted when the link is used, and the unique index on
 * customer_users.email keeps two confirmed sign-ups for one address to one account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table signup_requests (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  name text not null,
  account_name text not null,
  website text,
  country text,
  password_hash text not null,
  signup_ip inet,
  request_id text,
  created_at timestamptz not null,
  -- Set by the pass: when it mailed (a link, or "you already have an account").
  processed_at timestamptz,
  token_hash bytea unique,
  expires_at timestamptz,
  constraint signup_requests_link_complete check ((token_hash is null) = (expires_at is null))
);
create index signup_requests_pending_idx on signup_requests (created_at) where processed_at is null;
create index signup_requests_expires_idx on signup_requests (expires_at) where expires_at is not null;

create table password_reset_requests (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  requested_ip inet,
  request_id text,
  created_at timestamptz not null
);
create index password_reset_requests_created_idx on password_reset_requests (created_at);
`)
    .execute(db);
}
