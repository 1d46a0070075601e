import {
  assessReactivation,
  DomainError,
  type ReactivationAssessment,
  type StaffRef,
} from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { loadReactivationFacts } from "./load-reactivation-facts.ts";

/**
 * Where an enforcement stands against its reactivation requirements, as the person asking would
 * see it if they lifted now (read-only; for the dashboard and the customer's checklist).
 */
export async function assessEnforcement(
  deps: ServiceDeps,
  enforcementId: string,
  viewer: StaffRef,
): Promise<ReactivationAssessment> {
  const e = await deps.db
    .selectFrom("enforcements")
    .selectAll()
    .where("id", "=", enforcementId)
    .executeTakeFirst();
  if (!e) throw new DomainError("NOT_FOUND", "No enforcement with that id.");
  return assessReactivation(
    await loadReactivationFacts(deps.db, e, {
      requester: viewer,
      approver: null,
      now: deps.now(),
      note: null,
      dormancyDecision: null,
    }),
  );
}
