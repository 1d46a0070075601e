import { enqueueMail } from "@trustdesk/db";
import type { StaffMemberInput } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import {
  auditActor,
  findStaffMember,
  loadStaffAdmin,
  lockStaffAdministration,
  type StaffAdminActor,
} from "./staff-admin-access.ts";
import { staffReactivatedMail } from "./staff-mails.ts";

/**
 * Lets a deactivated colleague sign in again with their password and second factor as they were
 * (reset their 2FA as well if the device may be gone). Repeating it changes nothing.
 */
export async function reactivateStaffMember(
  deps: ServiceDeps,
  actor: StaffAdminActor,
  meta: RequestMeta,
  input: StaffMemberInput,
) {
  return deps.db.transaction().execute(async (trx) => {
    await lockStaffAdministration(trx);
    const admin = await loadStaffAdmin(trx, actor);
    const target = await findStaffMember(trx, input.staffId);
    if (!target.disabled_at) return { changed: false as const };
    // The failed-attempt pause of before is forgotten: the admin has just vouched for the person.
    await trx
      .updateTable("staff_users")
      .set({ disabled_at: null, failed_sign_ins: 0, locked_until: null })
      .where("id", "=", target.id)
      .execute();
    const signInUrl = new URL("/agent/sign-in", deps.config.publicUrl).toString();
    await enqueueMail(trx, staffReactivatedMail(target.email, admin.name, signInUrl));
    await recordAudit(trx, auditActor(actor), meta, {
      action: "staff.reactivated",
      subjectType: "staff_user",
      subjectId: target.id,
      before: { name: target.name, role: target.role, status: "deactivated" },
      after: { name: target.name, role: target.role, status: "active", reactivatedBy: admin.name },
    });
    return { changed: true as const };
  });
}
