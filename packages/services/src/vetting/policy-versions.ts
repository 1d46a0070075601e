import type { Executor } from "@trustdesk/db";
import { DomainError, parseVettingPolicy, type VettingPolicy } from "@trustdesk/domain";
import { sql } from "kysely";

/**
 * What the policy use cases share: one lock for every change to the set of versions, and reading
 * a row as a policy. Kept beside them rather than in a repository: no other service writes policies.
 */

/**
 * Serialises every change to the policy versions (draft, edit, discard, publish). A row lock
 * cannot do it: publishing changes which row is active, and a transaction waiting on the old
 * active row would wake to find it no longer matches. The unique indexes (one active, one draft)
 * stay the backstop if a writer ever skips the lock.
 */
export async function lockPolicyVersions(trx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('vetting-policy-versions', 0))`.execute(trx);
}

export interface PolicyRow {
  version: number;
  rules: unknown[];
  review_threshold: number;
  reject_threshold: number;
}

/** A stored row as a policy; a row that does not parse is a bug in whoever wrote it. */
export function policyOfRow(row: PolicyRow): VettingPolicy {
  const parsed = parseVettingPolicy({
    version: row.version,
    rules: row.rules,
    reviewThreshold: row.review_threshold,
    rejectThreshold: row.reject_threshold,
  });
  if (!parsed.ok) {
    throw new Error(
      `Stored vetting policy version ${row.version} is invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    );
  }
  return parsed.policy;
}

/** The draft with this version, locked, at the revision the caller saw; anything else is refused. */
export async function lockOpenDraft(trx: Executor, version: number, expectedRevision: number) {
  const draft = await trx
    .selectFrom("vetting_policies")
    .select(["id", "version", "rules", "review_threshold", "reject_threshold", "state", "revision", "note"])
    .where("version", "=", version)
    .forUpdate()
    .executeTakeFirst();
  if (!draft) throw new DomainError("NOT_FOUND", `There is no policy version ${version}.`);
  if (draft.state !== "draft") {
    throw new DomainError(
      "CONFLICT",
      `Version ${version} is no longer a draft (it was ${draft.state === "published" ? "published" : "discarded"} meanwhile). Reload the page to see the current policy.`,
    );
  }
  if (draft.revision !== expectedRevision) {
    throw new DomainError(
      "CONFLICT",
      `The draft of version ${version} was changed by someone else since you opened it. Reload it, then make your change again.`,
    );
  }
  return draft;
}

/** The audit form of a policy: its content, not the row's bookkeeping. */
export function policyForAudit(p: VettingPolicy) {
  return {
    version: p.version,
    reviewThreshold: p.reviewThreshold,
    rejectThreshold: p.rejectThreshold,
    rules: p.rules,
  };
}
