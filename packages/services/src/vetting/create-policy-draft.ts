import type { CreatePolicyDraftInput } from "@trustdesk/domain";
import { DomainError } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";
import { lockPolicyVersions, policyForAudit, policyOfRow } from "./policy-versions.ts";

/**
 * Opens a draft: a copy of the active policy under the next version number, for an admin to edit,
 * replay and publish. One draft at a time (two admins changing the policy in two drafts would
 * publish over each other): under the policy lock, an open draft refuses a second, naming who
 * opened it; the unique index `vetting_policies_one_draft` is the backstop.
 */
export async function createPolicyDraft(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: CreatePolicyDraftInput,
): Promise<{ version: number; revision: number }> {
  return deps.db.transaction().execute(async (trx) => {
    await lockPolicyVersions(trx);
    const open = await trx
      .selectFrom("vetting_policies as p")
      .leftJoin("staff_users as s", "s.id", "p.created_by_staff_id")
      .select(["p.version", "s.name"])
      .where("p.state", "=", "draft")
      .executeTakeFirst();
    if (open) {
      throw new DomainError(
        "CONFLICT",
        `${open.name ?? "Someone"} already opened a draft (version ${open.version}). Edit that draft, or discard it first; only one draft is open at a time.`,
        { details: { draftVersion: open.version } },
      );
    }
    const active = await trx
      .selectFrom("vetting_policies")
      .select(["version", "rules", "review_threshold", "reject_threshold"])
      .where("active", "=", true)
      .executeTakeFirst();
    if (!active)
      throw new DomainError("PRECONDITION_FAILED", "There is no active policy to start a draft from.");
    const last = await trx
      .selectFrom("vetting_policies")
      .select((eb) => eb.fn.max("version").as("max"))
      .executeTakeFirstOrThrow();
    const version = (last.max ?? 0) + 1;
    const now = deps.now();
    await trx
      .insertInto("vetting_policies")
      .values({
        version,
        rules: JSON.stringify(active.rules),
        review_threshold: active.review_threshold,
        reject_threshold: active.reject_threshold,
        active: false,
        state: "draft",
        revision: 0,
        note: input.note ?? null,
        created_by_staff_id: actor.staffId,
        updated_at: now,
      })
      .execute();
    const policy = { ...policyOfRow(active), version };
    await recordAudit(trx, actor, meta, {
      action: "vetting_policy.draft_created",
      subjectType: "vetting_policy",
      subjectId: String(version),
      after: { ...policyForAudit(policy), copiedFromVersion: active.version, note: input.note ?? null },
    });
    return { version, revision: 0 };
  });
}
