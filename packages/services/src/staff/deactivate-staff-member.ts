import { enqueueMail, revokeUserSessions } from "@trustdesk/db";
import { DomainError, lastAdminRefusal, type StaffMemberInput } from "@trustdesk/domain";
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
import { staffDeactivatedMail } from "./staff-mails.ts";

/**
 * Deactivates a colleague: `disabled_at` is set (the row and everything pointing at it stay), every
 * session of theirs is revoked in the same transaction, and the invitations they sent and nobody
 * accepted yet end with them. Sign-in already skips disabled staff, and every request re-reads the
 * person, so an open tab stops working at its next request. Repeating it changes nothing.
 */
export async function deactivateStaffMember(
  deps: ServiceDeps,
  actor: StaffAdminActor,
  meta: RequestMeta,
  input: StaffMemberInput,
) {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockStaffAdministration(trx);
    const admin = await loadStaffAdmin(trx, actor);
    const target = await findStaffMember(trx, input.staffId);
    if (target.disabled_at) return { changed: false as const, sessionsRevoked: 0 };
    const refusal = lastAdminRefusal(
      { name: target.name, role: target.role, disabled: false },
      { role: target.role, disabled: true },
      await countActiveAdmins(trx),
    );
    if (refusal) throw new DomainError("PRECONDITION_FAILED", refusal);
    await trx.updateTable("staff_users").set({ disabled_at: now }).where("id", "=", target.id).execute();
    const sessionsRevoked = await revokeUserSessions(trx, "staff", target.id, "staff_deactivated", now);
    const invitationsEnded = await trx
      .updateTable("staff_invitations")
      .set({ ended_at: now, ended_reason: "inviter_deactivated", ended_by_staff_id: admin.staffId })
      .where("invited_by_staff_id", "=", target.id)
      .where("accepted_at", "is", null)
      .where("ended_at", "is", null)
      .returning("id")
      .execute();
    await enqueueMail(trx, staffDeactivatedMail(target.email, admin.name));
    await recordAudit(trx, auditActor(actor), meta, {
      action: "staff.deactivated",
      subjectType: "staff_user",
      subjectId: target.id,
      before: { name: target.name, role: target.role, status: "active" },
      after: {
        name: target.name,
        role: target.role,
        status: "deactivated",
        deactivatedBy: admin.name,
        sessionsRevoked,
        invitationsEnded: invitationsEnded.length,
      },
    });
    return { changed: true as const, sessionsRevoked };
  });
}
