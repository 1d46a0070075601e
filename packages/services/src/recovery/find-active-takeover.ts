import type { Executor } from "@trustdesk/db";
import { parseEvidence } from "@trustdesk/domain";
import { sql } from "kysely";

/** Looks back this far for the owner's address: a thief who changed it recently cannot redirect the code. */
export const RECOVERY_ADDRESS_LOOKBACK_DAYS = 30;

export interface ActiveTakeover {
  enforcementId: string;
  enforcedAt: Date;
  caseNumber: string | null;
  hotlineNumber: string | null;
  /** The one user who may recover the account, and the address the code goes to. */
  recovery: { customerUserId: string; email: string } | null;
}

/**
 * The account's active account-takeover suspension, or null. The recovery contact is the one frozen
 * in the evidence at suspension time; for older suspensions it is read from the address history.
 */
export async function findActiveTakeover(db: Executor, accountId: string): Promise<ActiveTakeover | null> {
  const row = await db
    .selectFrom("enforcements as e")
    .leftJoin("cases as c", "c.id", "e.case_id")
    .select(["e.id", "e.created_at", "e.evidence", "c.number", "c.hotline_number"])
    .where("e.account_id", "=", accountId)
    .where("e.reason", "=", "account_takeover")
    .where("e.status", "=", "active")
    .executeTakeFirst();
  if (!row) return null;
  const evidence = parseEvidence("account_takeover", row.evidence);
  const recovery =
    evidence.recovery ?? (await findRecoveryContact(db, accountId, new Date(evidence.reportedAt)));
  return {
    enforcementId: row.id,
    enforcedAt: row.created_at,
    caseNumber: row.number,
    hotlineNumber: row.hotline_number,
    recovery,
  };
}

/**
 * The owner and the address they held `RECOVERY_ADDRESS_LOOKBACK_DAYS` before `asOf` — or their
 * first address, for an owner younger than that. When the compromise began is unknown; an address
 * changed in the weeks before a report is exactly what a thief would have done.
 */
export async function findRecoveryContact(
  db: Executor,
  accountId: string,
  asOf: Date,
): Promise<{ customerUserId: string; email: string } | null> {
  const owner = await db
    .selectFrom("customer_users")
    .select(["id"])
    .where("account_id", "=", accountId)
    .where("role", "=", "owner")
    .executeTakeFirst();
  if (!owner) return null;
  const cutoff = sql<Date>`${asOf}::timestamptz - make_interval(days => ${RECOVERY_ADDRESS_LOOKBACK_DAYS})`;
  const before = await db
    .selectFrom("customer_email_history")
    .select("email")
    .where("customer_user_id", "=", owner.id)
    .where("valid_from", "<=", cutoff)
    .orderBy("valid_from", "desc")
    .executeTakeFirst();
  const first =
    before ??
    (await db
      .selectFrom("customer_email_history")
      .select("email")
      .where("customer_user_id", "=", owner.id)
      .orderBy("valid_from", "asc")
      .executeTakeFirst());
  return first ? { customerUserId: owner.id, email: first.email } : null;
}
