import { apiKeyDisplayPrefix, DomainError, type FiredVettingRule, type StaffRef } from "@trustdesk/domain";
import { auditEventsWithActors, presentAuditEvents } from "../audit/audit-event-view.ts";
import { loadApiKeys } from "../credentials/manage-api-keys.ts";
import type { ServiceDeps } from "../deps.ts";
import { assessEnforcement } from "../enforcement/assess-enforcement.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The account's whole trust picture for staff: users, API keys (prefix and state, never a secret),
 * enforcements with evidence and — for active ones — where they stand against their reactivation
 * requirements, cases, vetting decisions with their fired rules, exposures, activity and the audit trail.
 */
export async function getAccountForStaff(deps: ServiceDeps, accountId: string, viewer: StaffRef) {
  const account = await deps.db
    .selectFrom("accounts as a")
    .innerJoin("account_standing as s", "s.account_id", "a.id")
    .select([
      "a.id",
      "a.name",
      "a.plan",
      "a.website",
      "a.country",
      "a.signup_ip",
      "a.created_at",
      "a.closed_at",
      "s.state",
    ])
    .where("a.id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw new DomainError("NOT_FOUND", "No account with that id.");
  const db = deps.db;
  const [users, keys, enforcements, cases, vetting, exposures, activity, audit, tickets] = await Promise.all([
    db
      .selectFrom("customer_users")
      .select([
        "id",
        "email",
        "name",
        "role",
        "totp_enabled_at",
        "last_sign_in_at",
        "locked_until",
        "created_at",
        // Removed users stay listed for staff (they name the authors of tickets and audit events).
        "removed_at",
      ])
      .where("account_id", "=", accountId)
      .orderBy("created_at")
      .execute(),
    loadApiKeys(db, accountId),
    db
      .selectFrom("enforcements as e")
      .leftJoin("cases as c", "c.id", "e.case_id")
      .select([
        "e.id",
        "e.reason",
        "e.status",
        "e.policy_code",
        "e.evidence",
        "e.note",
        "e.created_at",
        "e.lifted_at",
        "e.lift_requested_by_staff_id",
        "e.lift_requested_at",
        "e.lift_request_note",
        "e.lift_declined_by_staff_id",
        "e.lift_declined_at",
        "e.lift_decline_note",
        "e.lifted_by_staff_id",
        "e.lift_approved_by_staff_id",
        "e.lift_decision",
        "c.number as case_number",
      ])
      .where("e.account_id", "=", accountId)
      .orderBy("e.created_at", "desc")
      .execute(),
    db
      .selectFrom("cases")
      .select(["id", "number", "reason", "status", "summary", "hotline_number", "created_at", "resolved_at"])
      .where("account_id", "=", accountId)
      .orderBy("created_at", "desc")
      .execute(),
    db
      .selectFrom("vetting_decisions as d")
      // The thresholds of the version each decision was made under, shown beside its score.
      .leftJoin("vetting_policies as p", "p.version", "d.policy_version")
      .select([
        "d.id",
        "d.outcome",
        "d.score",
        "d.fired_rules",
        "d.policy_version",
        "d.decided_by",
        "d.decided_by_staff_id",
        "d.note",
        "d.appeal_ticket_id",
        "d.created_at",
        "p.review_threshold",
        "p.reject_threshold",
      ])
      .where("d.account_id", "=", accountId)
      .orderBy("d.created_at", "desc")
      .execute(),
    db
      .selectFrom("credential_exposures as x")
      .innerJoin("api_keys as k", "k.id", "x.api_key_id")
      .select(["x.id", "k.name as key_name", "k.key_id", "x.source", "x.location", "x.found_at"])
      .where("x.account_id", "=", accountId)
      .orderBy("x.found_at", "desc")
      .execute(),
    db
      .selectFrom("activity_daily")
      .select(["day", "mail_sent", "api_calls", "sign_ins"])
      .where("account_id", "=", accountId)
      .orderBy("day", "desc")
      .limit(90)
      .execute(),
    auditEventsWithActors(db)
      .where("e.account_id", "=", accountId)
      .orderBy("e.occurred_at", "desc")
      .orderBy("e.id", "desc")
      .limit(50)
      .execute()
      .then((rows) => presentAuditEvents(db, rows)),
    db
      .selectFrom("tickets")
      .select([
        "id",
        "number",
        "subject",
        "category",
        "status",
        "created_at",
        "first_response_at",
        "enforcement_id",
      ])
      .where("account_id", "=", accountId)
      .orderBy("created_at", "desc")
      .limit(100)
      .execute(),
  ]);
  // Names for the staff ids the view shows (requesters, approvers, deciders, audit actors).
  const staffIds = [
    ...new Set(
      [
        ...enforcements.flatMap((e) => [
          e.lift_requested_by_staff_id,
          e.lifted_by_staff_id,
          e.lift_approved_by_staff_id,
          e.lift_declined_by_staff_id,
        ]),
        ...vetting.map((v) => v.decided_by_staff_id),
      ].filter((id): id is string => id !== null && UUID.test(id)),
    ),
  ];
  const staff = staffIds.length
    ? await db.selectFrom("staff_users").select(["id", "name", "role"]).where("id", "in", staffIds).execute()
    : [];
  const staffById = new Map(staff.map((s) => [s.id, { id: s.id, name: s.name, role: s.role }]));
  const who = (id: string | null) => (id ? (staffById.get(id) ?? null) : null);
  const assessments = await Promise.all(
    enforcements.map((e) =>
      e.status === "active" ? assessEnforcement(deps, e.id, viewer) : Promise.resolve(null),
    ),
  );
  return {
    account,
    users: users.map((u) => ({ ...u, totpEnabled: u.totp_enabled_at !== null })),
    apiKeys: keys,
    enforcements: enforcements.map((e, i) => ({
      ...e,
      liftRequestedBy: who(e.lift_requested_by_staff_id),
      liftedBy: who(e.lifted_by_staff_id),
      liftApprovedBy: who(e.lift_approved_by_staff_id),
      liftDeclinedBy: who(e.lift_declined_by_staff_id),
      assessment: assessments[i] ?? null,
    })),
    cases,
    vetting: vetting.map((v) => ({
      ...v,
      fired_rules: v.fired_rules as FiredVettingRule[],
      decidedBy: who(v.decided_by_staff_id),
    })),
    tickets: tickets.map((t) => ({ ...t, number: Number(t.number) })),
    exposures: exposures.map(({ key_id, ...x }) => ({ ...x, keyPrefix: apiKeyDisplayPrefix(key_id) })),
    // Oldest first, for a chart of activity over time.
    activity: activity.reverse().map((a) => ({
      day: a.day,
      mailSent: Number(a.mail_sent),
      apiCalls: Number(a.api_calls),
      signIns: Number(a.sign_ins),
    })),
    // Actors and subjects by name (SQL joins), before/after as readable changes: never a raw id.
    audit,
  };
}
