import { customerChecklist, DomainError, ENFORCEMENT_CUSTOMER_TEXT } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { assessEnforcement } from "../enforcement/assess-enforcement.ts";

// The customer's checklist is the requirements as they stand, judged for no one in particular.
const CHECKLIST_VIEWER = { staffId: "customer-view", role: "agent" } as const;

/**
 * What a customer sees of their own account: its state and, per active restriction, the
 * customer-safe title and explanation, the case number and the hotline. Never the policy code,
 * the evidence or staff notes.
 */
export async function getAccountOverview(deps: ServiceDeps, accountId: string) {
  const account = await deps.db
    .selectFrom("accounts as a")
    .innerJoin("account_standing as s", "s.account_id", "a.id")
    .select(["a.id", "a.name", "a.plan", "a.created_at", "s.state"])
    .where("a.id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw new DomainError("NOT_FOUND", "Account not found.");
  const enforcements = await deps.db
    .selectFrom("enforcements as e")
    .leftJoin("cases as c", "c.id", "e.case_id")
    .select(["e.id", "e.reason", "e.created_at", "c.number as case_number", "c.hotline_number"])
    .where("e.account_id", "=", accountId)
    .where("e.status", "=", "active")
    .orderBy("e.created_at", "desc")
    .execute();
  const checklists = await Promise.all(
    enforcements.map(async (e) => customerChecklist(await assessEnforcement(deps, e.id, CHECKLIST_VIEWER))),
  );
  return {
    account: {
      id: account.id,
      name: account.name,
      plan: account.plan,
      state: account.state,
      createdAt: account.created_at,
    },
    restrictions: enforcements.map((e, i) => ({
      id: e.id,
      reason: e.reason,
      title: ENFORCEMENT_CUSTOMER_TEXT[e.reason].title,
      explanation: ENFORCEMENT_CUSTOMER_TEXT[e.reason].explanation,
      since: e.created_at,
      caseNumber: e.case_number,
      hotlineNumber: e.reason === "account_takeover" ? e.hotline_number : null,
      checklist: checklists[i] ?? [],
    })),
  };
}
