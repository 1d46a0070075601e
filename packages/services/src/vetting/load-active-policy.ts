import type { Executor } from "@trustdesk/db";
import { parseVettingPolicy, type VettingPolicy } from "@trustdesk/domain";

/**
 * The stored policy cannot be used: none is active, or the active row does not parse. Sign-ups fail
 * with this error (the API logs its message and answers with a generic error) rather than being
 * approved by a policy nobody can vouch for — a broken policy must be noticed and fixed, not
 * silently wave every sign-up through.
 */
export class VettingPolicyUnavailableError extends Error {
  override name = "VettingPolicyUnavailableError";
}

/** The active version of the vetting policy, validated with the domain's schema. */
export async function loadActiveVettingPolicy(db: Executor): Promise<VettingPolicy> {
  const row = await db
    .selectFrom("vetting_policies")
    .select(["version", "rules", "review_threshold", "reject_threshold"])
    .where("active", "=", true)
    .executeTakeFirst();
  if (!row) {
    throw new VettingPolicyUnavailableError(
      "No active sign-up vetting policy: vetting_policies has no row with active = true. " +
        "Run the migrations (0003-default-vetting-policy inserts version 1) or activate a version.",
    );
  }
  const parsed = parseVettingPolicy({
    version: row.version,
    rules: row.rules,
    reviewThreshold: row.review_threshold,
    rejectThreshold: row.reject_threshold,
  });
  if (!parsed.ok) {
    throw new VettingPolicyUnavailableError(
      `The active sign-up vetting policy (version ${row.version}) is invalid, so sign-ups cannot be vetted: ` +
        parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; "),
    );
  }
  return parsed.policy;
}
