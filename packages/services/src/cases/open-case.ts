import { type Executor, nextCaseNumber } from "@trustdesk/db";
import type { EnforcementReason } from "@trustdesk/domain";
import type { Actor } from "../audit/audit-actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";

export interface OpenCaseInput {
  accountId: string;
  reason: EnforcementReason;
  summary: string;
}

export interface OpenedCase {
  id: string;
  number: string;
  hotlineNumber: string | null;
  created: boolean;
}

/**
 * Opens a case for the account and reason, or extends the one already open (a second leaked key is
 * part of the same exposure case). Account-takeover cases carry the hotline number customers may call.
 * Runs inside the caller's transaction, which holds the account's lock (`lockAccount`): that makes
 * the check-then-insert exact; the unique index `cases_one_open_per_reason` is the backstop.
 */
export async function openCase(
  trx: Executor,
  deps: ServiceDeps,
  actor: Actor,
  meta: RequestMeta | null,
  input: OpenCaseInput,
): Promise<OpenedCase> {
  const open = await trx
    .selectFrom("cases")
    .select(["id", "number", "hotline_number"])
    .where("account_id", "=", input.accountId)
    .where("reason", "=", input.reason)
    .where("status", "=", "open")
    .orderBy("created_at", "desc")
    .forUpdate()
    .executeTakeFirst();
  if (open) {
    await recordAudit(trx, actor, meta, {
      action: "case.extended",
      subjectType: "case",
      subjectId: open.id,
      accountId: input.accountId,
      after: { summary: input.summary },
    });
    return { id: open.id, number: open.number, hotlineNumber: open.hotline_number, created: false };
  }
  const hotline = input.reason === "account_takeover" ? deps.config.hotlineNumber : null;
  const row = await trx
    .insertInto("cases")
    .values({
      number: await nextCaseNumber(trx, deps.now()),
      account_id: input.accountId,
      reason: input.reason,
      hotline_number: hotline,
      summary: input.summary,
      opened_by_staff_id: actor.type === "staff" ? actor.staffId : null,
      opened_by_service: actor.type === "service" ? actor.name : actor.type === "system" ? "system" : null,
      resolved_at: null,
    })
    .returning(["id", "number"])
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, meta, {
    action: "case.opened",
    subjectType: "case",
    subjectId: row.id,
    accountId: input.accountId,
    after: { number: row.number, reason: input.reason, summary: input.summary },
  });
  return { id: row.id, number: row.number, hotlineNumber: hotline, created: true };
}
