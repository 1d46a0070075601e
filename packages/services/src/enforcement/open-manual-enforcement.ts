import { lockAccount } from "@trustdesk/db";
import { DomainError, type ManualEnforcementInput, manualPolicyCode } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { applyEnforcement } from "./apply-enforcement.ts";
import type { StaffActor } from "./lift-enforcement.ts";

/** An enforcement opened by hand by staff, with a reason and an internal note. */
export async function openManualEnforcement(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: ManualEnforcementInput,
) {
  return deps.db.transaction().execute(async (trx) => {
    // Serialized with every other change of the account's enforcement state (see lockAccount).
    if (!(await lockAccount(trx, input.accountId)))
      throw new DomainError("NOT_FOUND", "No account with that id.");
    const applied = await applyEnforcement(trx, actor, meta, {
      accountId: input.accountId,
      policyCode: manualPolicyCode(input.reason),
      evidence: { reason: "manual", manualReason: input.reason, note: input.note },
      note: input.note,
    });
    return { enforcementId: applied.id };
  });
}
