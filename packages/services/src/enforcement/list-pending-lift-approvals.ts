import type { ServiceDeps } from "../deps.ts";

/** Account-takeover lifts requested and waiting for a lead's approval (four-eyes), oldest first. */
export function listPendingLiftApprovals(deps: ServiceDeps) {
  return deps.db
    .selectFrom("enforcements as e")
    .innerJoin("accounts as a", "a.id", "e.account_id")
    .innerJoin("staff_users as s", "s.id", "e.lift_requested_by_staff_id")
    .leftJoin("cases as c", "c.id", "e.case_id")
    .select([
      "e.id as enforcementId",
      "e.reason",
      "a.id as accountId",
      "a.name as accountName",
      "c.number as caseNumber",
      "s.id as requestedById",
      "s.name as requestedBy",
      "s.role as requestedByRole",
      "e.lift_requested_at as requestedAt",
      "e.lift_request_note as note",
    ])
    .where("e.status", "=", "active")
    .where("e.lift_requested_at", "is not", null)
    .orderBy("e.lift_requested_at")
    .execute();
}
