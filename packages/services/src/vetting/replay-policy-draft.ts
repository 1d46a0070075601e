import {
  type ReplayPolicyDraftInput,
  replayStoredSignals,
  VettingOutcome,
  type VettingRuleId,
} from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { getPolicyVersion } from "./list-policy-versions.ts";

/** How many changed sign-ups are listed (all of them are counted). */
export const REPLAY_CHANGES_LISTED = 500;
/** Decisions read per round trip: memory stays flat however many sign-ups the window holds. */
const PAGE = 1000;

type Matrix = Record<VettingOutcome, Record<VettingOutcome, number>>;

export interface ReplayedSignup {
  decisionId: string;
  accountId: string;
  accountName: string;
  decidedAt: Date;
  /** The version the decision was made under. */
  decidedUnderVersion: number;
  before: { outcome: VettingOutcome; score: number; firedRules: VettingRuleId[] };
  after: { outcome: VettingOutcome; score: number; firedRules: VettingRuleId[] };
}

export interface PolicyReplay {
  version: number;
  days: number;
  since: Date;
  /** Decisions the policy made automatically in the window. */
  replayed: number;
  /** Their outcome would differ under this version. */
  changed: number;
  /** The outcome stays but the score moves. */
  scoreChangedOnly: number;
  /** Stored signals that cannot be replayed (e.g. recorded with vetting switched off). */
  skipped: number;
  /** matrix[before][after] = how many decisions go from `before` to `after`. */
  matrix: Matrix;
  /** Changed decisions, newest first, at most REPLAY_CHANGES_LISTED. */
  changes: ReplayedSignup[];
}

function emptyMatrix(): Matrix {
  const row = () => ({ approve: 0, review: 0, reject: 0 });
  return { approve: row(), review: row(), reject: row() };
}

/**
 * What a version (in practice the open draft) would have decided for the last `days` days of real
 * sign-ups: every automatic decision's stored signals are scored again under it with the domain's
 * pure `evaluateSignup` (`replayStoredSignals`) and compared with what was decided at the time,
 * under the version named on each decision. Staff decisions are not replayed (they are people's
 * calls, not the policy's). Reads only; the window is bounded by the input schema (90 days).
 */
export async function replayPolicyDraft(
  deps: ServiceDeps,
  input: ReplayPolicyDraftInput,
): Promise<PolicyReplay> {
  const { policy } = await getPolicyVersion(deps, input.version);
  const since = new Date(deps.now().getTime() - input.days * 86_400_000);
  const result: PolicyReplay = {
    version: input.version,
    days: input.days,
    since,
    replayed: 0,
    changed: 0,
    scoreChangedOnly: 0,
    skipped: 0,
    matrix: emptyMatrix(),
    changes: [],
  };
  let cursor: { createdAt: Date; id: string } | null = null;
  for (;;) {
    let query = deps.db
      .selectFrom("vetting_decisions as d")
      .innerJoin("accounts as a", "a.id", "d.account_id")
      .select([
        "d.id",
        "d.account_id",
        "a.name",
        "d.outcome",
        "d.score",
        "d.fired_rules",
        "d.signals",
        "d.policy_version",
        "d.created_at",
      ])
      .where("d.decided_by", "=", "policy")
      .where("d.policy_version", "is not", null)
      .where("d.created_at", ">=", since);
    if (cursor) {
      const c = cursor;
      query = query.where((eb) =>
        eb.or([
          eb("d.created_at", "<", c.createdAt),
          eb.and([eb("d.created_at", "=", c.createdAt), eb("d.id", "<", c.id)]),
        ]),
      );
    }
    const rows = await query.orderBy("d.created_at", "desc").orderBy("d.id", "desc").limit(PAGE).execute();
    for (const r of rows) {
      const replayed = replayStoredSignals(policy, r.signals);
      const before = VettingOutcome.safeParse(r.outcome);
      if (!replayed.ok || !before.success) {
        result.skipped += 1;
        continue;
      }
      result.replayed += 1;
      result.matrix[before.data][replayed.outcome] += 1;
      if (before.data === replayed.outcome) {
        if (r.score !== replayed.score) result.scoreChangedOnly += 1;
        continue;
      }
      result.changed += 1;
      if (result.changes.length < REPLAY_CHANGES_LISTED) {
        result.changes.push({
          decisionId: r.id,
          accountId: r.account_id,
          accountName: r.name,
          decidedAt: r.created_at,
          decidedUnderVersion: r.policy_version ?? 0,
          before: { outcome: before.data, score: r.score, firedRules: firedRuleIds(r.fired_rules) },
          after: { outcome: replayed.outcome, score: replayed.score, firedRules: replayed.firedRules },
        });
      }
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    cursor = { createdAt: last.created_at, id: last.id };
  }
  return result;
}

function firedRuleIds(json: unknown): VettingRuleId[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((f) =>
    typeof f === "object" && f !== null && typeof (f as { rule?: unknown }).rule === "string"
      ? [(f as { rule: VettingRuleId }).rule]
      : [],
  );
}
