import type pg from "pg";

/**
 * Idle accounts for the dormancy scan, generated with set-based SQL as of `asOfDay` — the shape of
 * the benchmark's (packages/services/bench/dormancy.bench.ts), but deterministic (from the account's
 * number, no random()), so two products seeded alike decide alike: plans free / essentials / pro /
 * premier 14:3:2:1, created 400–2,400 days ago, an owner each, two activity days each with the last
 * one 0–1,000 days ago (55 % within a month, about 20 % over 90 days), and for a third of the long
 * idle a 7-day warning sent 10 days ago (so the scan deactivates those). Names: `Idle <tag> <n>`.
 */
export async function seedIdleAccounts(db: pg.Pool, tag: string, accounts: number, asOfDay: string) {
  const client = await db.connect();
  try {
    await client.query("begin");
    await client.query(
      `insert into accounts (name, plan, created_at)
       select 'Idle ' || $2 || ' ' || i,
              case when i % 20 < 14 then 'free' when i % 20 < 17 then 'essentials'
                   when i % 20 < 19 then 'pro' else 'premier' end,
              $3::date - make_interval(days => 400 + ((i::bigint * 7919) % 2000)::int)
         from generate_series(1, $1::int) i`,
      [accounts, tag, asOfDay],
    );
    const mine = `select id, split_part(name, ' ', 3)::int as i, created_at from accounts where name like 'Idle ' || $1 || ' %'`;
    await client.query(
      `insert into customer_users (account_id, email, name, role, password_hash)
       select id, 'owner-' || i || '@idle-' || lower($1) || '.test', 'Owner ' || i, 'owner', 'not-a-hash'
         from (${mine}) a`,
      [tag],
    );
    // How long each account has been idle: the bucket and the offset come from different digits.
    const idle = `case when (i * 37) % 100 < 55 then i % 30
                       when (i * 37) % 100 < 70 then 30 + i % 30
                       when (i * 37) % 100 < 80 then 60 + i % 31
                       when (i * 37) % 100 < 85 then 91 + i % 110
                       else 200 + (i * 13) % 800 end`;
    await client.query(
      `insert into activity_daily (account_id, day, mail_sent, api_calls, sign_ins)
       select a.id, d.day, 100, 10, 0
         from (select id, ${idle} as idle from (${mine}) m) a
        cross join lateral (values ($2::date - a.idle), ($2::date - a.idle - 1 - a.idle % 40)) d(day)`,
      [tag, asOfDay],
    );
    await client.query(
      `insert into dormancy_warnings (account_id, idle_since, lead_days, sent_on, deactivate_on)
       select a.id, greatest($2::date - a.idle, (a.created_at at time zone 'UTC')::date), 7,
              $2::date - 10, $2::date - 3
         from (select id, i, created_at, ${idle} as idle from (${mine}) m) a
        where a.idle >= 200 and a.i % 3 = 0`,
      [tag, asOfDay],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
  await db.query("analyze accounts, customer_users, activity_daily, dormancy_warnings");
}

/** What a dry run says it would do: warnings by lead days, and deactivations. */
export interface DormancyExpectation {
  warned: Record<number, number>;
  deactivated: number;
}

/** Reads the `dormancy-scan --dry-run` summary (the command line's own output). */
export function parseDryRun(output: string): DormancyExpectation {
  const warned: Record<number, number> = {};
  for (const m of output.matchAll(/would be warned (\d+) days? before\s+([\d,]+)/g)) {
    const n = Number(m[2]?.replaceAll(",", ""));
    if (n > 0) warned[Number(m[1])] = n;
  }
  const deactivated = /would be deactivated\s+([\d,]+)/.exec(output)?.[1];
  if (deactivated === undefined) throw new Error(`no dry-run summary in:\n${output}`);
  return { warned, deactivated: Number(deactivated.replaceAll(",", "")) };
}

/** What the scan of `asOfDay` did, from the database. */
export async function dormancyOutcome(db: pg.Pool, asOfDay: string) {
  const q = async (sql: string) => Number((await db.query<{ n: string }>(sql, [asOfDay])).rows[0]?.n ?? 0);
  const warned: Record<number, number> = {};
  const rows = await db.query<{ lead_days: number; n: string }>(
    "select lead_days, count(*) n from dormancy_warnings where sent_on = $1 group by 1 order by 1",
    [asOfDay],
  );
  for (const r of rows.rows) warned[r.lead_days] = Number(r.n);
  return {
    warned,
    deactivated: await q(
      "select count(*) n from enforcements where reason = 'dormancy' and $1::text is not null",
    ),
    // Accounts warned twice the same day, or twice for one lead time of one idle period.
    warnedTwiceToday: await q(
      "select count(*) n from (select account_id from dormancy_warnings where sent_on = $1 group by 1 having count(*) > 1) x",
    ),
    warnedTwicePerLead: await q(
      "select count(*) n from (select 1 from dormancy_warnings where $1::text is not null group by account_id, idle_since, lead_days having count(*) > 1) x",
    ),
    deactivatedTwice: await q(
      "select count(*) n from (select account_id from enforcements where reason = 'dormancy' and $1::text is not null group by 1 having count(*) > 1) x",
    ),
    warningMails: await q(
      "select count(*) n from mail_outbox where template = 'dormancy_warning' and $1::text is not null",
    ),
    deactivationMails: await q(
      "select count(*) n from mail_outbox where template = 'dormancy_deactivated' and $1::text is not null",
    ),
    warnedAudits: await q(
      "select count(*) n from audit_events where action = 'dormancy.warned' and $1::text is not null",
    ),
  };
}
