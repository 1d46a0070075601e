import { DomainError, type RevokeStaffInvitationInput } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import {
  auditActor,
  loadStaffAdmin,
  lockStaffAdministration,
  type StaffAdminActor,
} from "./staff-admin-access.ts";

/** Ends an open invitation so its link no longer works. Revoking an ended one changes nothing. */
export async function revokeStaffInvitation(
  deps: ServiceDeps,
  actor: StaffAdminActor,
  meta: RequestMeta,
  input: RevokeStaffInvitationInput,
) {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockStaffAdministration(trx);
    const admin = await loadStaffAdmin(trx, actor);
    const invitation = await trx
      .selectFrom("staff_invitations")
      .select(["id", "email", "role", "accepted_at", "ended_at"])
      .where("id", "=", input.invitationId)
      .forUpdate()
      .executeTakeFirst();
    if (!invitation) throw new DomainError("NOT_FOUND", "We couldn't find that invitation.");
    if (invitation.accepted_at || invitation.ended_at) return { changed: false as const };
    await trx
      .updateTable("staff_invitations")
      .set({ ended_at: now, ended_reason: "revoked", ended_by_staff_id: admin.staffId })
      .where("id", "=", invitation.id)
      .execute();
    await recordAudit(trx, auditActor(actor), meta, {
      action: "staff.invitation_revoked",
      subjectType: "staff_invitation",
      subjectId: invitation.id,
      before: { email: invitation.email, role: invitation.role, status: "invited" },
      after: { email: invitation.email, role: invitation.role, status: "revoked", revokedBy: admin.name },
    });
    return { changed: true as const };
  });
}
