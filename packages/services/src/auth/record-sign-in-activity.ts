import type { Executor } from "@trustdesk/db";
import { sql } from "kysely";

/** A customer sign-in is activity: it keeps the account out of the dormancy scan. */
export async function recordCustomerSignInActivity(
  trx: Executor,
  customerUserId: string,
  now: Date,
): Promise<void> {
  await sql`
    insert into activity_daily (account_id, day, sign_ins)
    select account_id, (${now}::timestamptz at time zone 'UTC')::date, 1 from customer_users where id = ${customerUserId}
    on conflict (account_id, day) do update set sign_ins = activity_daily.sign_ins + 1`.execute(trx);
}
