import { lockAccount } from "@trustdesk/db";
import { assessReactivation, DomainError } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { completeLift, namedStaff, type StaffActor } from "./lift-enforcement.ts";
import { loadReactivationFacts } from "./load-reactivation-facts.ts";

export interface DecideSignupVettingInput {
  accountId: string;
  outcome: "approve" | "reject";
  note: string;
  /** When the decision answers a customer's appeal of a rejection. */
  appealTicketId?: string | null;
}

/**
 * An agent's decision in the vetting queue (or on an appeal): recorded as a staff vetting decision;
 * an approval lifts the sign-up vetting restriction in the same transaction when the requirements
 * (approve after review, or a successful appeal after reject) are met. The account is locked
 * first, so two agents deciding at once are answered one after the other.
 */
export async function decideSignupVetting(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: DecideSignupVettingInput,
) {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await lockAccount(trx, input.accountId)))
      throw new DomainError("NOT_FOUND", "No account with that id.");
    const enforcement = await trx
      .selectFrom("enforcements")
      .selectAll()
      .where("account_id", "=", input.accountId)
      .where("reason", "=", "signup_vetting")
      .where("status", "=", "active")
      .forUpdate()
      .executeTakeFirst();
    if (!enforcement)
      throw new DomainError("NOT_FOUND", "This account has no sign-up vetting restriction to decide on.");
    if (input.appealTicketId) {
      const ticket = await trx
        .selectFrom("tickets")
        .select("id")
        .where("id", "=", input.appealTicketId)
        .where("account_id", "=", input.accountId)
        .executeTakeFirst();
      if (!ticket) throw new DomainError("NOT_FOUND", "That appeal ticket does not belong to this account.");
    }
    const decision = await trx
      .insertInto("vetting_decisions")
      .values({
        account_id: input.accountId,
        policy_version: null,
        outcome: input.outcome,
        score: 0,
        fired_rules: "[]",
        signals: "{}",
        decided_by: "staff",
        decided_by_staff_id: actor.staffId,
        note: input.note,
        appeal_ticket_id: input.appealTicketId ?? null,
        created_at: deps.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, meta, {
      action: "vetting.decided",
      subjectType: "vetting_decision",
      subjectId: decision.id,
      accountId: input.accountId,
      after: { outcome: input.outcome, appealTicketId: input.appealTicketId ?? null },
    });
    if (input.outcome !== "approve")
      return { decisionId: decision.id, lifted: false, accountRestored: false };
    const requester = { staffId: actor.staffId, role: actor.role };
    const assessment = assessReactivation(
      await loadReactivationFacts(trx, enforcement, {
        requester,
        approver: null,
        now: deps.now(),
        note: input.note,
        dormancyDecision: null,
      }),
    );
    if (!assessment.satisfied) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        assessment.requirements
          .filter((r) => !r.met)
          .map((r) => r.agentText)
          .join(" "),
        {
          details: { unmet: assessment.requirements.filter((r) => !r.met) },
        },
      );
    }
    const restored = await completeLift(trx, deps, actor, meta, enforcement, assessment, {
      requester: await namedStaff(trx, actor.staffId),
      approver: null,
      requestNote: input.note,
    });
    return { decisionId: decision.id, lifted: true, accountRestored: restored };
  });
}
