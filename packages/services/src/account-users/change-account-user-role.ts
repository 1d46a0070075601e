import { enqueueMail } from "@trustdesk/db";
import { type ChangeAccountUserRoleInput, DomainError, roleChangeRefusal } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { accountRoleChangedMail } from "../mail/templates.ts";
import {
  type AccountUserActor,
  auditActor,
  findAccountUser,
  loadManager,
  lockAccountUsers,
  USER_NOT_FOUND,
} from "./account-user-access.ts";

/**
 * Makes a user of the caller's account an admin or a member (rules in the domain's
 * `roleChangeRefusal`). Giving the role a user already has changes nothing and writes nothing, so
 * a retry is harmless. The new role applies to the user's next request: roles are read per request.
 */
export async function changeAccountUserRole(
  deps: ServiceDeps,
  actor: AccountUserActor,
  meta: RequestMeta,
  input: ChangeAccountUserRoleInput,
): Promise<{ changed: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    await lockAccountUsers(trx, actor.accountId);
    const manager = await loadManager(trx, actor);
    const target = await findAccountUser(trx, actor.accountId, input.userId);
    if (target.removed_at) throw new DomainError("NOT_FOUND", USER_NOT_FOUND);
    const refusal = roleChangeRefusal(manager, target, input.role);
    if (refusal) throw new DomainError("FORBIDDEN", refusal);
    if (target.role === input.role) return { changed: false };
    await trx.updateTable("customer_users").set({ role: input.role }).where("id", "=", target.id).execute();
    await enqueueMail(
      trx,
      accountRoleChangedMail(target.email, manager.accountName, input.role, manager.name),
    );
    await recordAudit(trx, auditActor(actor), meta, {
      action: "account_user.role_changed",
      subjectType: "customer_user",
      subjectId: target.id,
      accountId: actor.accountId,
      before: { name: target.name, email: target.email, role: target.role },
      after: { name: target.name, email: target.email, role: input.role, changedBy: manager.name },
    });
    return { changed: true };
  });
}
