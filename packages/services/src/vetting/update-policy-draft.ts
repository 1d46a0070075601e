import type { UpdatePolicyDraftInput } from "@trustdesk/domain";
import { DomainError, parseVettingPolicy } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";
import { lockOpenDraft, lockPolicyVersions, policyForAudit, policyOfRow } from "./policy-versions.ts";

/**
 * Saves an admin's edit of the open draft: weights, enabled rules, rule parameters, thresholds and
 * the note. The whole policy is validated with the domain's schema (`parseVettingPolicy`), whose
 * problems come back per field (`rules.velocity_ip_24h.threshold`) for the form. The edit names the
 * revision it started from, so a second editor's stale form is refused instead of overwriting the
 * first one's change. Audited with the policy before and after.
 */
export async function updatePolicyDraft(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: UpdatePolicyDraftInput,
): Promise<{ version: number; revision: number }> {
  const parsed = parseVettingPolicy({
    version: input.version,
    rules: input.rules,
    reviewThreshold: input.reviewThreshold,
    rejectThreshold: input.rejectThreshold,
  });
  if (!parsed.ok) {
    const fields = Object.fromEntries(parsed.problems.map((p) => [p.path, p.message]));
    const first = parsed.problems[0];
    throw new DomainError(
      "VALIDATION",
      `The draft was not saved: ${first ? first.message : "the policy is invalid"}${parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : ""}.`,
      { fields },
    );
  }
  const policy = parsed.policy;
  return deps.db.transaction().execute(async (trx) => {
    await lockPolicyVersions(trx);
    const draft = await lockOpenDraft(trx, input.version, input.expectedRevision);
    const before = policyOfRow(draft);
    const revision = draft.revision + 1;
    const note = input.note === undefined ? draft.note : input.note;
    await trx
      .updateTable("vetting_policies")
      .set({
        rules: JSON.stringify(policy.rules),
        review_threshold: policy.reviewThreshold,
        reject_threshold: policy.rejectThreshold,
        note,
        revision,
        updated_at: deps.now(),
      })
      .where("id", "=", draft.id)
      .execute();
    await recordAudit(trx, actor, meta, {
      action: "vetting_policy.draft_updated",
      subjectType: "vetting_policy",
      subjectId: String(input.version),
      before: { ...policyForAudit(before), note: draft.note },
      after: { ...policyForAudit(policy), note },
    });
    return { version: input.version, revision };
  });
}
