import type { ServiceDeps } from "../deps.ts";

/** Sign-ups waiting for an agent: accounts under an active sign-up vetting restriction, oldest first. */
export async function listVettingQueue(deps: ServiceDeps) {
  const rows = await deps.db
    .selectFrom("enforcements as e")
    .innerJoin("accounts as a", "a.id", "e.account_id")
    .leftJoin("customer_users as u", (j) => j.onRef("u.account_id", "=", "a.id").on("u.role", "=", "owner"))
    .select([
      "e.id as enforcement_id",
      "e.evidence",
      "e.created_at",
      "a.id as account_id",
      "a.name",
      "a.website",
      "a.country",
      "u.email",
    ])
    .where("e.reason", "=", "signup_vetting")
    .where("e.status", "=", "active")
    .orderBy("e.created_at")
    .limit(200)
    .execute();
  const decisions = rows.length
    ? await deps.db
        .selectFrom("vetting_decisions as d")
        // The thresholds of the version each decision was made under, shown beside its score.
        .leftJoin("vetting_policies as p", "p.version", "d.policy_version")
        .select([
          "d.account_id",
          "d.outcome",
          "d.score",
          "d.fired_rules",
          "d.policy_version",
          "d.created_at",
          "p.review_threshold",
          "p.reject_threshold",
        ])
        .where(
          "d.account_id",
          "in",
          rows.map((r) => r.account_id),
        )
        .where("d.decided_by", "=", "policy")
        .orderBy("d.created_at", "desc")
        .execute()
    : [];
  return rows.map((r) => {
    const latest = decisions.find((d) => d.account_id === r.account_id);
    return {
      enforcementId: r.enforcement_id,
      accountId: r.account_id,
      accountName: r.name,
      email: r.email,
      website: r.website,
      country: r.country,
      since: r.created_at,
      outcome: latest?.outcome ?? null,
      score: latest?.score ?? null,
      policyVersion: latest?.policy_version ?? null,
      reviewThreshold: latest?.review_threshold ?? null,
      rejectThreshold: latest?.reject_threshold ?? null,
      firedRules: (latest?.fired_rules ?? []) as Array<{ rule: string; weight: number; agentDetail: string }>,
    };
  });
}
