import {
  apiKeyDisplayPrefix,
  auditActorLabel,
  CaseNumber,
  DomainError,
  ENFORCEMENT_REASON_LABELS,
} from "@trustdesk/domain";
import { sql } from "kysely";
import { auditEventsWithActors, presentAuditEvents } from "../audit/audit-event-view.ts";
import type { ServiceDeps } from "../deps.ts";
import { openedBy } from "./list-cases.ts";

/** The timeline shows this many events at most; the audit log has the rest. */
export const CASE_TIMELINE_LIMIT = 300;

const staffLabel = (name: string | null, role: string | null) =>
  name ? auditActorLabel({ type: "staff", name, role }) : null;

/**
 * One case by its number (TD-2026-001042): the account, its enforcements (who requested, approved
 * and lifted, by name and role), tickets, compromise reports (reporter by name or service token),
 * credential exposures (keys by name and prefix) and a timeline from the audit log — every event
 * about the case or one of those objects, oldest first, actors and subjects by name.
 */
export async function getCase(deps: ServiceDeps, caseNumber: string) {
  const parsed = CaseNumber.safeParse(caseNumber);
  if (!parsed.success) throw new DomainError("NOT_FOUND", `No case numbered ${caseNumber.slice(0, 40)}.`);
  const db = deps.db;
  const kase = await db
    .selectFrom("cases as c")
    .innerJoin("accounts as a", "a.id", "c.account_id")
    .leftJoin("staff_users as s", "s.id", "c.opened_by_staff_id")
    .select([
      "c.id",
      "c.number",
      "c.reason",
      "c.status",
      "c.summary",
      "c.hotline_number",
      "c.created_at",
      "c.resolved_at",
      "c.opened_by_service",
      "a.id as account_id",
      "a.name as account_name",
      "s.name as opened_by_name",
      "s.role as opened_by_role",
    ])
    .where("c.number", "=", parsed.data)
    .executeTakeFirst();
  if (!kase) throw new DomainError("NOT_FOUND", `No case numbered ${parsed.data}.`);

  const [enforcements, reports, exposures] = await Promise.all([
    db
      .selectFrom("enforcements as e")
      .leftJoin("staff_users as cb", "cb.id", "e.created_by_staff_id")
      .leftJoin("staff_users as rq", "rq.id", "e.lift_requested_by_staff_id")
      .leftJoin("staff_users as lb", "lb.id", "e.lifted_by_staff_id")
      .leftJoin("staff_users as ap", "ap.id", "e.lift_approved_by_staff_id")
      .select([
        "e.id",
        "e.reason",
        "e.status",
        "e.policy_code",
        "e.note",
        "e.created_at",
        "e.created_by_service",
        "e.lifted_at",
        "e.lift_requested_at",
        "cb.name as created_by_name",
        "cb.role as created_by_role",
        "rq.name as requested_by_name",
        "rq.role as requested_by_role",
        "lb.name as lifted_by_name",
        "lb.role as lifted_by_role",
        "ap.name as approved_by_name",
        "ap.role as approved_by_role",
      ])
      .where("e.case_id", "=", kase.id)
      .orderBy("e.created_at")
      .execute(),
    db
      .selectFrom("compromise_reports as r")
      .leftJoin("staff_users as s", "s.id", "r.reporter_staff_id")
      .leftJoin("service_tokens as t", "t.id", "r.reporter_service_token_id")
      .select([
        "r.id",
        "r.report_id",
        "r.source",
        "r.summary",
        "r.signals",
        "r.received_at",
        "s.name as staff_name",
        "s.role as staff_role",
        "t.name as token_name",
      ])
      .where("r.case_id", "=", kase.id)
      .orderBy("r.received_at")
      .execute(),
    db
      .selectFrom("credential_exposures as x")
      .innerJoin("api_keys as k", "k.id", "x.api_key_id")
      .select([
        "x.id",
        "x.source",
        "x.location",
        "x.found_at",
        "k.id as api_key_id",
        "k.name as key_name",
        "k.key_id",
        "k.revoked_at",
      ])
      .where("x.case_id", "=", kase.id)
      .orderBy("x.found_at")
      .execute(),
  ]);
  const enforcementIds = enforcements.map((e) => e.id);
  const tickets = await db
    .selectFrom("tickets as t")
    .leftJoin("staff_users as s", "s.id", "t.assignee_staff_id")
    .select([
      "t.id",
      "t.number",
      "t.subject",
      "t.category",
      "t.status",
      "t.created_at",
      "s.name as assignee_name",
      "s.role as assignee_role",
    ])
    .where((eb) =>
      enforcementIds.length > 0
        ? eb.or([eb("t.case_id", "=", kase.id), eb("t.enforcement_id", "in", enforcementIds)])
        : eb("t.case_id", "=", kase.id),
    )
    .orderBy("t.created_at")
    .execute();

  // Every event about the case or its objects (each a (subject_type, subject_id) look-up on
  // audit_events_subject_idx), plus the compromise reports filed against the account for this case.
  const subjects: Array<[string, string[]]> = [
    ["case", [kase.id]],
    ["enforcement", enforcementIds],
    ["ticket", tickets.map((t) => t.id)],
    ["credential_exposure", exposures.map((x) => x.id)],
    ["api_key", [...new Set(exposures.map((x) => x.api_key_id))]],
  ];
  const timelineRows = await auditEventsWithActors(db)
    .where((eb) =>
      eb.or([
        ...subjects
          .filter(([, ids]) => ids.length > 0)
          .map(([type, ids]) => eb.and([eb("e.subject_type", "=", type), eb("e.subject_id", "in", ids)])),
        eb.and([
          eb("e.subject_type", "=", "account"),
          eb("e.subject_id", "=", kase.account_id),
          eb("e.action", "=", "account.compromise_reported"),
          eb(sql<string>`e.after ->> 'caseNumber'`, "=", kase.number),
        ]),
      ]),
    )
    .orderBy("e.occurred_at", "desc")
    .orderBy("e.id", "desc")
    .limit(CASE_TIMELINE_LIMIT + 1)
    .execute();
  const timeline = (await presentAuditEvents(db, timelineRows.slice(0, CASE_TIMELINE_LIMIT))).reverse();

  return {
    case: {
      id: kase.id,
      number: kase.number,
      reason: kase.reason,
      reasonLabel: ENFORCEMENT_REASON_LABELS[kase.reason],
      status: kase.status,
      summary: kase.summary,
      hotlineNumber: kase.hotline_number,
      createdAt: kase.created_at,
      resolvedAt: kase.resolved_at,
      openedBy: openedBy(kase.opened_by_name, kase.opened_by_role, kase.opened_by_service),
    },
    account: { id: kase.account_id, name: kase.account_name },
    enforcements: enforcements.map((e) => ({
      id: e.id,
      reason: e.reason,
      status: e.status,
      policyCode: e.policy_code,
      note: e.note,
      createdAt: e.created_at,
      liftedAt: e.lifted_at,
      liftRequestedAt: e.lift_requested_at,
      createdBy:
        staffLabel(e.created_by_name, e.created_by_role) ?? openedBy(null, null, e.created_by_service),
      liftRequestedBy: staffLabel(e.requested_by_name, e.requested_by_role),
      liftedBy: staffLabel(e.lifted_by_name, e.lifted_by_role),
      liftApprovedBy: staffLabel(e.approved_by_name, e.approved_by_role),
    })),
    tickets: tickets.map((t) => ({
      id: t.id,
      number: Number(t.number),
      subject: t.subject,
      category: t.category,
      status: t.status,
      createdAt: t.created_at,
      assignee: staffLabel(t.assignee_name, t.assignee_role),
    })),
    compromiseReports: reports.map((r) => ({
      id: r.id,
      reportId: r.report_id,
      summary: r.summary,
      signals: Array.isArray(r.signals) ? r.signals.map(String) : [],
      receivedAt: r.received_at,
      reporter:
        r.source === "staff"
          ? (staffLabel(r.staff_name, r.staff_role) ?? "A former staff member")
          : auditActorLabel({ type: "service", name: r.token_name, isToken: true }),
    })),
    exposures: exposures.map((x) => ({
      id: x.id,
      source: x.source,
      location: x.location,
      foundAt: x.found_at,
      keyName: x.key_name,
      keyPrefix: apiKeyDisplayPrefix(x.key_id),
      keyRevokedAt: x.revoked_at,
    })),
    timeline,
    timelineTruncated: timelineRows.length > CASE_TIMELINE_LIMIT,
  };
}
