import { DEFAULT_VETTING_POLICY, parseVettingPolicy } from "@trustdesk/domain";
import { type Kysely, sql } from "kysely";

/**
 * Version 1 of the sign-up vetting policy, active from the start: without an active policy every
 * sign-up would fail (the vetting refuses to guess). The data comes from the domain's
 * `DEFAULT_VETTING_POLICY`, which is frozen at version 1 — a changed policy is a new version (a new
 * row, from a new migration or an admin's edit), never an edit of this one, so the guard below
 * stops a fresh database from silently getting different "version 1" rules than older ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const parsed = parseVettingPolicy(DEFAULT_VETTING_POLICY);
  if (!parsed.ok) {
    throw new Error(
      `DEFAULT_VETTING_POLICY is not a valid policy: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    );
  }
  const policy = parsed.policy;
  if (policy.version !== 1) {
    throw new Error(
      `0003-default-vetting-policy inserts version 1, but DEFAULT_VETTING_POLICY is version ${policy.version}: ` +
        "ship a new version in a new migration instead of editing version 1",
    );
  }
  await sql`
    insert into vetting_policies (version, rules, review_threshold, reject_threshold, active)
    values (${policy.version}, ${JSON.stringify(policy.rules)}::jsonb, ${policy.reviewThreshold},
            ${policy.rejectThreshold}, true)
  `.execute(db);
}
