import type { Executor } from "@trustdesk/db";
import { type EnforcementEvidence, EnforcementEvidence as EvidenceSchema } from "@trustdesk/domain";
import type { Actor } from "../audit/audit-actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta } from "../deps.ts";

export interface ApplyEnforcementInput {
  accountId: string;
  policyCode: string;
  evidence: EnforcementEvidence;
  note?: string | null;
  caseId?: string | null;
}

export interface AppliedEnforcement {
  id: string;
  created: boolean;
}

/**
 * Puts an enforcement on the account inside the caller's transaction, or returns the one already
 * active for that reason (one active enforcement per account and reason; manual ones may stack).
 * The evidence is validated against its reason's schema before it is stored. The caller holds the
 * account's lock (`lockAccount`), which makes the check-then-insert exact; the partial unique index
 * `enforcements_one_active_per_reason` is the backstop.
 */
export async function applyEnforcement(
  trx: Executor,
  actor: Actor,
  meta: RequestMeta | null,
  input: ApplyEnforcementInput,
): Promise<AppliedEnforcement> {
  const evidence = EvidenceSchema.parse(input.evidence);
  const reason = evidence.reason;
  if (reason !== "manual") {
    const active = await trx
      .selectFrom("enforcements")
      .select(["id", "case_id"])
      .where("account_id", "=", input.accountId)
      .where("reason", "=", reason)
      .where("status", "=", "active")
      .forUpdate()
      .executeTakeFirst();
    if (active) {
      if (!active.case_id && input.caseId) {
        await trx
          .updateTable("enforcements")
          .set({ case_id: input.caseId })
          .where("id", "=", active.id)
          .execute();
      }
      return { id: active.id, created: false };
    }
  }
  const row = await trx
    .insertInto("enforcements")
    .values({
      account_id: input.accountId,
      reason,
      policy_code: input.policyCode,
      evidence: JSON.stringify(evidence),
      note: input.note ?? null,
      case_id: input.caseId ?? null,
      created_by_staff_id: actor.type === "staff" ? actor.staffId : null,
      created_by_service: actor.type === "service" ? actor.name : actor.type === "system" ? "system" : null,
      lifted_at: null,
      lifted_by_staff_id: null,
      lift_approved_by_staff_id: null,
      lift_decision: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, meta, {
    action: "enforcement.created",
    subjectType: "enforcement",
    subjectId: row.id,
    accountId: input.accountId,
    after: { reason, policyCode: input.policyCode, caseId: input.caseId ?? null },
  });
  return { id: row.id, created: true };
}
