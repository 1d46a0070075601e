import type { Db } from "@trustdesk/db";
import { type AccountPlan, dayNumber, dayString } from "@trustdesk/domain";
import { sql } from "kysely";
import { type DormancyChunkSummary, runDormancyChunk, type ServiceDeps } from "../../src/index.ts";
import { testDeps } from "../support/fixtures.ts";

export const WHOLE = { after: null, until: null } as const;

export const addDays = (day: string, days: number) => dayString(dayNumber(day) + days);

let n = 0;

/** An account with its owner, created on `createdDay`, with rollup activity on `activeDays`. */
export async function makeIdleAccount(
  db: Db,
  o: {
    plan?: AccountPlan;
    createdDay: string;
    activeDays?: string[];
    lastSignInDay?: string | null;
    closed?: boolean;
  },
) {
  const i = ++n;
  const account = await db
    .insertInto("accounts")
    .values({
      name: `Quiet Co ${i}`,
      plan: o.plan ?? "free",
      website: null,
      country: null,
      signup_ip: null,
      created_at: `${o.createdDay}T12:00:00Z`,
      closed_at: o.closed ? `${o.createdDay}T13:00:00Z` : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const email = `owner${i}@quiet${i}.example`;
  await db
    .insertInto("customer_users")
    .values({
      account_id: account.id,
      email,
      name: `Owner ${i}`,
      role: "owner",
      password_hash: "not-used",
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      last_sign_in_at: o.lastSignInDay ? `${o.lastSignInDay}T09:00:00Z` : null,
    })
    .execute();
  for (const day of o.activeDays ?? []) await activity(db, account.id, day);
  return { accountId: account.id, email, name: `Quiet Co ${i}` };
}

/** Mail sent on `day` (what `recordActivity` folds into the rollup). */
export async function activity(db: Db, accountId: string, day: string) {
  await sql`insert into activity_daily (account_id, day, mail_sent) values (${accountId}, ${day}::date, 10)
            on conflict (account_id, day) do update set mail_sent = activity_daily.mail_sent + 10`.execute(
    db,
  );
}

/** Deps whose clock reads noon of `day`. */
export function depsOn(db: Db, day: string): ServiceDeps {
  return testDeps(db, () => new Date(`${day}T12:00:00Z`));
}

/** Runs the whole scan, one chunk, as of `day`. */
export function scan(db: Db, day: string, options: Parameters<typeof runDormancyChunk>[3] = {}) {
  return runDormancyChunk(depsOn(db, day), WHOLE, day, options);
}

/** Row counts of everything the scan may write. */
export async function tableCounts(db: Db) {
  const r = await sql<Record<string, string>>`select
      (select count(*) from dormancy_warnings) as warnings,
      (select count(*) from enforcements where reason = 'dormancy') as enforcements,
      (select count(*) from enforcements where reason = 'dormancy' and status = 'active') as active,
      (select count(*) from mail_outbox where template = 'dormancy_warning') as warning_mails,
      (select count(*) from mail_outbox where template = 'dormancy_deactivated') as deactivation_mails,
      (select count(*) from audit_events where action in ('dormancy.warned', 'enforcement.created')) as audits`.execute(
    db,
  );
  const row = r.rows[0] ?? {};
  const count = (k: string) => Number(row[k]);
  return {
    warnings: count("warnings"),
    enforcements: count("enforcements"),
    active: count("active"),
    warning_mails: count("warning_mails"),
    deactivation_mails: count("deactivation_mails"),
    audits: count("audits"),
  };
}

export const total = (s: DormancyChunkSummary) => Object.values(s.warned).reduce((a, b) => a + b, 0);
