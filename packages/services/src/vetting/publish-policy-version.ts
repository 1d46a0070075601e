import type { PolicyDraftRef } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";
import { lockOpenDraft, lockPolicyVersions, policyForAudit, policyOfRow } from "./policy-versions.ts";

/**
 * Publishes the open draft: in one transaction the active version is retired and the draft becomes
 * the active one, so a sign-up vets under exactly one version, old or new, never none (the sign-up
 * reads the active row in its own transaction; it sees the state before or after this commit).
 * Concurrent publishes serialise on the policy lock; the second finds the draft already published
 * and is refused. The retired version stays readable, and every decision keeps its version.
 */
export async function publishPolicyVersion(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: PolicyDraftRef,
): Promise<{ version: number; previousVersion: number | null }> {
  return deps.db.transaction().execute(async (trx) => {
    await lockPolicyVersions(trx);
    const draft = await lockOpenDraft(trx, input.version, input.expectedRevision);
    // Re-validated: a draft row is only ever written parsed, but publishing is what makes it matter.
    const policy = policyOfRow(draft);
    const previous = await trx
      .selectFrom("vetting_policies")
      .select(["id", "version", "rules", "review_threshold", "reject_threshold"])
      .where("active", "=", true)
      .forUpdate()
      .executeTakeFirst();
    const now = deps.now();
    if (previous) {
      await trx
        .updateTable("vetting_policies")
        .set({ active: false, updated_at: now })
        .where("id", "=", previous.id)
        .execute();
    }
    await trx
      .updateTable("vetting_policies")
      .set({
        state: "published",
        active: true,
        published_at: now,
        published_by_staff_id: actor.staffId,
        updated_at: now,
      })
      .where("id", "=", draft.id)
      .execute();
    await recordAudit(trx, actor, meta, {
      action: "vetting_policy.published",
      subjectType: "vetting_policy",
      subjectId: String(policy.version),
      before: previous ? policyForAudit(policyOfRow(previous)) : null,
      after: { ...policyForAudit(policy), note: draft.note },
    });
    return { version: policy.version, previousVersion: previous?.version ?? null };
  });
}
