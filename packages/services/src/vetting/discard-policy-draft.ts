import type { PolicyDraftRef } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";
import { lockOpenDraft, lockPolicyVersions, policyForAudit, policyOfRow } from "./policy-versions.ts";

/**
 * Gives up the open draft. The row stays (state `discarded`), so its version number is never
 * reused and the audit trail of its edits still points at something readable.
 */
export async function discardPolicyDraft(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: PolicyDraftRef,
): Promise<{ version: number }> {
  return deps.db.transaction().execute(async (trx) => {
    await lockPolicyVersions(trx);
    const draft = await lockOpenDraft(trx, input.version, input.expectedRevision);
    await trx
      .updateTable("vetting_policies")
      .set({ state: "discarded", updated_at: deps.now() })
      .where("id", "=", draft.id)
      .execute();
    await recordAudit(trx, actor, meta, {
      action: "vetting_policy.draft_discarded",
      subjectType: "vetting_policy",
      subjectId: String(input.version),
      before: { ...policyForAudit(policyOfRow(draft)), state: "draft" },
      after: { state: "discarded" },
    });
    return { version: input.version };
  });
}
