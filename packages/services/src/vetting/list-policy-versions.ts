import { DomainError, type VettingPolicy, type VettingPolicyState } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { policyOfRow } from "./policy-versions.ts";

export interface PolicyVersionSummary {
  version: number;
  state: VettingPolicyState;
  /** The version new sign-ups are vetted under (exactly one). */
  active: boolean;
  note: string | null;
  revision: number;
  reviewThreshold: number;
  rejectThreshold: number;
  createdAt: Date;
  /** Staff names (null for version 1, shipped by a migration). */
  createdBy: string | null;
  updatedAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export interface PolicyVersionDetail extends PolicyVersionSummary {
  policy: VettingPolicy;
}

function baseQuery(deps: ServiceDeps) {
  return deps.db
    .selectFrom("vetting_policies as p")
    .leftJoin("staff_users as c", "c.id", "p.created_by_staff_id")
    .leftJoin("staff_users as pb", "pb.id", "p.published_by_staff_id")
    .select([
      "p.version",
      "p.state",
      "p.active",
      "p.note",
      "p.revision",
      "p.rules",
      "p.review_threshold",
      "p.reject_threshold",
      "p.created_at",
      "p.updated_at",
      "p.published_at",
      "c.name as created_by",
      "pb.name as published_by",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

function summary(r: Row): PolicyVersionSummary {
  return {
    version: r.version,
    state: r.state,
    active: r.active,
    note: r.note,
    revision: r.revision,
    reviewThreshold: r.review_threshold,
    rejectThreshold: r.reject_threshold,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
  };
}

/** Every version, newest first: the open draft, the active one, the retired and discarded ones. */
export async function listPolicyVersions(deps: ServiceDeps): Promise<PolicyVersionSummary[]> {
  const rows = await baseQuery(deps).orderBy("p.version", "desc").execute();
  return rows.map(summary);
}

/** One version with its whole policy; `"active"` for the one new sign-ups use. */
export async function getPolicyVersion(
  deps: ServiceDeps,
  version: number | "active",
): Promise<PolicyVersionDetail> {
  const row = await (version === "active"
    ? baseQuery(deps).where("p.active", "=", true)
    : baseQuery(deps).where("p.version", "=", version)
  ).executeTakeFirst();
  if (!row) {
    throw new DomainError(
      "NOT_FOUND",
      version === "active" ? "No vetting policy is active." : `There is no policy version ${version}.`,
    );
  }
  return { ...summary(row), policy: policyOfRow(row) };
}
