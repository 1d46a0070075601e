import type { Executor } from "@trustdesk/db";

const HOUR = 3_600_000;

/** 30 days of sending for a demo account, ending `idleDays` ago. */
export async function seedActivity(trx: Executor, accountId: string, now: Date, idleDays: number) {
  const rows = Array.from({ length: 30 }, (_, d) => {
    const day = new Date(now.getTime() - (idleDays + d) * 24 * HOUR).toISOString().slice(0, 10);
    return {
      account_id: accountId,
      day,
      mail_sent: 200 + ((d * 37) % 150),
      api_calls: 50 + ((d * 13) % 40),
      sign_ins: d % 7 === 0 ? 1 : 0,
    };
  });
  await trx.insertInto("activity_daily").values(rows).execute();
}
