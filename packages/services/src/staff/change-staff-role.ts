import { enqueueMail } from "@trustdesk/db";
import { type ChangeStaffRoleInput, DomainError, lastAdminRefusal } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import {
  auditActor,
  countActiveAdmins,
  findStaffMember,
  loadStaffAdmin,
  lockStaffAdministration,
  type StaffAdminActor,
} from "./staff-admin-access.ts";
import { staffRoleChangedMail } from "./staff-mails.ts";

/**
 * Gives a colleague another role. Sessions stay: every request re-reads the role, so the change
 * applies at the person's next click. The last active admin keeps the role (themselves included);
 * under the roster lock, two admins demoting each other at once leave one admin.
 */
export async function changeStaffRole(
  deps: ServiceDeps,
  actor: StaffAdminActor,
  meta: RequestMeta,
  input: ChangeStaffRoleInput,
) {
  return deps.db.transaction().execute(async (trx) => {
    await lockStaffAdministration(trx);
    const admin = await loadStaffAdmin(trx, actor);
    const target = await findStaffMember(trx, input.staffId);
    if (target.role === input.role) return { changed: false as const };
    const refusal = lastAdminRefusal(
      { name: target.name, role: target.role, disabled: target.disabled_at !== null },
      { role: input.role, disabled: target.disabled_at !== null },
      await countActiveAdmins(trx),
    );
    if (refusal) throw new DomainError("PRECONDITION_FAILED", refusal);
    await trx.updateTable("staff_users").set({ role: input.role }).where("id", "=", target.id).execute();
    if (!target.disabled_at)
      await enqueueMail(trx, staffRoleChangedMail(target.email, admin.name, input.role));
    await recordAudit(trx, auditActor(actor), meta, {
      action: "staff.role_changed",
      subjectType: "staff_user",
      subjectId: target.id,
      before: { name: target.name, role: target.role },
      after: { name: target.name, role: input.role, changedBy: admin.name },
    });
    return { changed: true as const };
  });
}
