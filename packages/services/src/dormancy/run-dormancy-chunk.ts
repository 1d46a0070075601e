import {
  DEFAULT_DORMANCY_POLICY,
  type DormancyEvidence,
  DormancyEvidence as DormancyEvidenceSchema,
  type DormancyPolicy,
} from "@trustdesk/domain";
import { sql } from "kysely";
import { type Actor, auditFields } from "../audit/audit-actor.ts";
import type { ServiceDeps } from "../deps.ts";
import { dormancyDeactivatedMail, dormancyWarningMail } from "./dormancy-mails.ts";
import type { DormancyChunk } from "./plan-dormancy-chunks.ts";
import {
  type DormancyCandidate,
  type DormancyCounts,
  selectDormancyActions,
} from "./select-dormancy-actions.ts";

export const DORMANCY_SCAN_ACTOR: Actor = { type: "service", name: "dormancy-scan" };
export const DORMANCY_POLICY_CODE = "dormancy.inactive";
export const DEFAULT_DORMANCY_BATCH_SIZE = 5_000;

export interface DormancyRunOptions {
  /** Decide and report, change nothing. */
  dryRun?: boolean;
  /** Accounts per batch (one statement to decide, one short transaction to act). */
  batchSize?: number;
  /**
   * Called after each batch has committed (the CLI's progress bar). If it throws, the run stops
   * there: what committed stays, a rerun does the rest.
   */
  onBatch?: (progress: DormancyChunkSummary) => void | Promise<void>;
  /** Dry run only: how many of the planned actions to return (default 100). */
  sampleSize?: number;
}

export interface DormancyChunkSummary {
  /** Accounts looked at, and what they were. */
  counts: DormancyCounts;
  /**
   * Warnings this run sent (each once: a concurrent run's are not counted twice), by lead days, and
   * accounts it deactivated. A dry run counts what it would send and deactivate.
   */
  warned: Record<number, number>;
  deactivated: number;
  batches: number;
  /** Dry run: some of what would be done, by account name. */
  planned: DormancyCandidate[];
}

/** Checks a scan day: an ISO date (UTC). */
export function parseAsOfDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new Error(`"${value}" is not a date: use YYYY-MM-DD`);
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    throw new Error(`"${value}" is not a day of the calendar`);
  return value;
}

export function emptyDormancySummary(): DormancyChunkSummary {
  return {
    counts: {
      scanned: 0,
      active: 0,
      warn: 0,
      warned: 0,
      deactivate: 0,
      exemptClosed: 0,
      exemptRestricted: 0,
      exemptPlan: 0,
    },
    warned: {},
    deactivated: 0,
    batches: 0,
    planned: [],
  };
}

/** Adds one summary into another (batches into a chunk, chunks into a run). */
export function addDormancySummary(into: DormancyChunkSummary, from: DormancyChunkSummary, sample = 100) {
  for (const k of Object.keys(into.counts) as Array<keyof DormancyCounts>) into.counts[k] += from.counts[k];
  for (const [lead, n] of Object.entries(from.warned))
    into.warned[Number(lead)] = (into.warned[Number(lead)] ?? 0) + n;
  into.deactivated += from.deactivated;
  into.batches += from.batches;
  for (const p of from.planned) if (into.planned.length < sample) into.planned.push(p);
  return into;
}

/**
 * Scans one key range of accounts (a chunk from `planDormancyChunks`) as of a day: keyset batches of
 * `batchSize` accounts, each decided by one set-based statement (`selectDormancyActions`); the few
 * accounts that need something get it in one short transaction per batch:
 *
 * 1. lock those accounts (`FOR NO KEY UPDATE`, in id order — the account lock every enforcement
 *    use case takes first) and decide them again under the lock, so a concurrent run of the same
 *    chunk, a lift or a sign-in that committed meanwhile is seen;
 * 2. insert the warnings (`ON CONFLICT DO NOTHING` on account, idle period and lead time) and mail
 *    the owner only for rows actually inserted;
 * 3. insert the `dormancy` enforcements (evidence validated by the domain's schema; `ON CONFLICT DO
 *    NOTHING` on the one-active-per-reason index as the backstop), audit each as `applyEnforcement`
 *    does and mail the owner the reactivation review.
 *
 * Idempotent and resumable by construction: the state is the database's, so a second run the same
 * day finds every warning sent and every deactivated account restricted, and a run that died after
 * batch k is finished by a rerun that redoes nothing of batches 1..k. Two runs of the same chunk at
 * once wait on each other's locks and send each mail once.
 */
export async function runDormancyChunk(
  deps: ServiceDeps,
  range: DormancyChunk,
  asOfDay: string,
  options: DormancyRunOptions = {},
): Promise<DormancyChunkSummary> {
  parseAsOfDay(asOfDay);
  const policy = deps.config.dormancy ?? DEFAULT_DORMANCY_POLICY;
  const batchSize = options.batchSize ?? DEFAULT_DORMANCY_BATCH_SIZE;
  const sampleSize = options.sampleSize ?? 100;
  const total = emptyDormancySummary();
  let after = range.after;
  for (;;) {
    const selection = await selectDormancyActions(deps.db, policy, asOfDay, {
      kind: "batch",
      after,
      until: range.until,
      limit: batchSize,
    });
    if (selection.lastId === null) break;
    const batch = emptyDormancySummary();
    batch.batches = 1;
    batch.counts = selection.counts;
    if (options.dryRun) {
      batch.planned = selection.candidates.slice(0, sampleSize);
      for (const c of selection.candidates) {
        if (c.action === "deactivate") batch.deactivated++;
        else if (c.leadDays !== null) batch.warned[c.leadDays] = (batch.warned[c.leadDays] ?? 0) + 1;
      }
    } else if (selection.candidates.length > 0) {
      const acted = await actOnCandidates(
        deps,
        policy,
        asOfDay,
        selection.candidates.map((c) => c.accountId),
      );
      batch.warned = acted.warned;
      batch.deactivated = acted.deactivated;
    }
    addDormancySummary(total, batch, sampleSize);
    after = selection.lastId;
    await options.onBatch?.(batch);
    if (selection.counts.scanned < batchSize) break;
  }
  return total;
}

async function actOnCandidates(
  deps: ServiceDeps,
  policy: DormancyPolicy,
  asOfDay: string,
  accountIds: string[],
): Promise<{ warned: Record<number, number>; deactivated: number }> {
  return deps.db.transaction().execute(async (trx) => {
    // One statement, rows locked in id order: two batches can never wait on each other in a cycle.
    await sql`select id from accounts where id = any(${accountIds}::uuid[]) order by id for no key update`.execute(
      trx,
    );
    const { candidates } = await selectDormancyActions(trx, policy, asOfDay, {
      kind: "accounts",
      ids: accountIds,
    });
    const now = deps.now();
    const actor = auditFields(DORMANCY_SCAN_ACTOR, null);
    const portal = deps.config.publicUrl;
    const warned: Record<number, number> = {};
    const warnings = candidates.filter((c) => c.action === "warn");
    if (warnings.length > 0) {
      const rows = warnings.map((w) => {
        const mail = dormancyWarningMail(
          {
            name: w.accountName,
            lastActivityDay: w.lastActivityDay,
            deactivateOn: w.deactivateOn,
            leadDays: w.leadDays as number,
          },
          portal,
        );
        return {
          account_id: w.accountId,
          idle_since: w.idleSince,
          lead_days: w.leadDays,
          deactivate_on: w.deactivateOn,
          subject: mail.subject,
          text_body: mail.text,
          audit_after: { leadDays: w.leadDays, idleSince: w.idleSince, deactivateOn: w.deactivateOn },
        };
      });
      // The warning, its mail to the owner and its audit event in one statement: only a warning
      // this statement inserted (not one a concurrent run got in first) is mailed and audited.
      const inserted = await sql<{ lead_days: number }>`
        with r as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
            account_id uuid, idle_since date, lead_days int, deactivate_on date,
            subject text, text_body text, audit_after jsonb)),
        ins as (
          insert into dormancy_warnings (account_id, idle_since, lead_days, sent_on, deactivate_on, sent_at)
          select account_id, idle_since, lead_days, ${asOfDay}::date, deactivate_on, ${now}::timestamptz from r
          on conflict do nothing
          returning account_id, idle_since, lead_days),
        sent as (select r.* from r join ins using (account_id, idle_since, lead_days)),
        mails as (
          insert into mail_outbox (to_address, template, subject, text_body)
          select u.email, 'dormancy_warning', s.subject, s.text_body
            from sent s join customer_users u on u.account_id = s.account_id and u.role = 'owner' and u.removed_at is null),
        audits as (
          insert into audit_events (occurred_at, actor_type, actor_id, action, subject_type, subject_id, account_id, after)
          select ${now}::timestamptz, ${actor.actorType}, ${actor.actorId}, 'dormancy.warned', 'account', s.account_id::text,
                 s.account_id, s.audit_after
            from sent s)
        select lead_days from ins`.execute(trx);
      for (const row of inserted.rows) warned[row.lead_days] = (warned[row.lead_days] ?? 0) + 1;
    }

    let deactivated = 0;
    const dormant = candidates.filter((c) => c.action === "deactivate");
    if (dormant.length > 0) {
      const rows = dormant.map((d) => {
        const mail = dormancyDeactivatedMail(
          { name: d.accountName, lastActivityDay: d.lastActivityDay },
          portal,
        );
        const evidence: DormancyEvidence = DormancyEvidenceSchema.parse({
          reason: "dormancy",
          lastActivityDay: d.lastActivityDay,
          plan: d.plan,
          dormancyDays: d.periodDays,
        });
        return { account_id: d.accountId, evidence, subject: mail.subject, text_body: mail.text };
      });
      // The enforcement (the one-active-per-reason index as the backstop), the mail explaining the
      // reactivation review, and the audit event `applyEnforcement` writes, in one statement.
      const created = await sql<{ id: string }>`
        with r as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
            account_id uuid, evidence jsonb, subject text, text_body text)),
        ins as (
          insert into enforcements (account_id, reason, policy_code, evidence, created_by_service, created_at)
          select account_id, 'dormancy', ${DORMANCY_POLICY_CODE}, evidence, ${actor.actorId}, ${now}::timestamptz from r
          on conflict (account_id, reason) where status = 'active' and reason <> 'manual' do nothing
          returning id, account_id),
        mails as (
          insert into mail_outbox (to_address, template, subject, text_body)
          select u.email, 'dormancy_deactivated', r.subject, r.text_body
            from ins join r using (account_id)
            join customer_users u on u.account_id = ins.account_id and u.role = 'owner' and u.removed_at is null),
        audits as (
          insert into audit_events (occurred_at, actor_type, actor_id, action, subject_type, subject_id, account_id, after)
          select ${now}::timestamptz, ${actor.actorType}, ${actor.actorId}, 'enforcement.created', 'enforcement', ins.id::text,
                 ins.account_id, ${JSON.stringify({ reason: "dormancy", policyCode: DORMANCY_POLICY_CODE, caseId: null })}::jsonb
            from ins)
        select id from ins`.execute(trx);
      deactivated = created.rows.length;
    }
    return { warned, deactivated };
  });
}
