import { enqueueMail } from "@trustdesk/db";
import {
  DomainError,
  type InviteStaffMemberInput,
  STAFF_INVITATION_TTL_DAYS,
  type StaffRole,
} from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { enforceRateLimit, type RateLimitRule } from "../rate-limit/enforce-rate-limit.ts";
import { randomToken, sha256 } from "../security/tokens.ts";
import {
  auditActor,
  loadStaffAdmin,
  lockStaffAdministration,
  type StaffAdminActor,
} from "./staff-admin-access.ts";
import { staffInvitationMail } from "./staff-mails.ts";

/** Each invitation mails an address: plenty for hiring, a wall for a hijacked admin session. */
const INVITE_LIMIT: RateLimitRule = { name: "invite:staff", limit: 50, windowSeconds: 3600 };

export interface StaffInvitationSent {
  invitationId: string;
  email: string;
  role: StaffRole;
  expiresAt: Date;
  /** The single-use link (also mailed). Only the command line shows it; the API never returns it. */
  link: string;
}

/** Where an invitation's link points: the dashboard's public invitation page. */
export function staffInvitationLink(publicUrl: string, token: string): string {
  return new URL(`/agent/invitation?token=${encodeURIComponent(token)}`, publicUrl).toString();
}

/**
 * Invites a colleague by email with a role: a single-use link that expires in three days, mailed
 * through the outbox in the same transaction; only the token's SHA-256 is stored. Inviting the same
 * address again replaces the open invitation. An address that already has a staff account — even a
 * deactivated one — is refused by name: staff administration is internal, so saying "already a
 * colleague" reveals nothing to an outsider.
 *
 * `inviter` null is the command line (`pnpm trustdesk staff:invite`): whoever runs it already holds
 * the database, and a new install has no admin to invite anyone.
 */
export async function inviteStaffMember(
  deps: ServiceDeps,
  inviter: StaffAdminActor | null,
  meta: RequestMeta | null,
  input: InviteStaffMemberInput,
): Promise<StaffInvitationSent> {
  if (inviter) await enforceRateLimit(deps, INVITE_LIMIT, inviter.staffId);
  const token = randomToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + STAFF_INVITATION_TTL_DAYS * 86_400_000);
  return deps.db.transaction().execute(async (trx) => {
    await lockStaffAdministration(trx);
    const admin = inviter ? await loadStaffAdmin(trx, inviter) : null;

    const existing = await trx
      .selectFrom("staff_users")
      .select(["name", "disabled_at"])
      .where("email", "=", input.email)
      .executeTakeFirst();
    if (existing) {
      const message = existing.disabled_at
        ? `${input.email} already has a staff account (${existing.name}, deactivated). Reactivate it instead of inviting again.`
        : `${input.email} is already a colleague (${existing.name}). Change their role instead of inviting again.`;
      throw new DomainError("CONFLICT", message, { fields: { email: message } });
    }

    const replaced = await trx
      .updateTable("staff_invitations")
      .set({ ended_at: now, ended_reason: "replaced", ended_by_staff_id: admin?.staffId ?? null })
      .where("email", "=", input.email)
      .where("accepted_at", "is", null)
      .where("ended_at", "is", null)
      .returning("id")
      .execute();
    const invitation = await trx
      .insertInto("staff_invitations")
      .values({
        email: input.email,
        name: input.name ?? null,
        role: input.role,
        token_hash: sha256(token),
        invited_by_staff_id: admin?.staffId ?? null,
        created_at: now,
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const link = staffInvitationLink(deps.config.publicUrl, token);
    await enqueueMail(
      trx,
      staffInvitationMail(input.email, admin?.name ?? null, input.role, link, STAFF_INVITATION_TTL_DAYS),
    );
    await recordAudit(trx, inviter ? auditActor(inviter) : { type: "system" }, meta, {
      action: "staff.invited",
      subjectType: "staff_invitation",
      subjectId: invitation.id,
      after: {
        email: input.email,
        name: input.name ?? null,
        role: input.role,
        invitedBy: admin?.name ?? "command line",
        expiresAt: expiresAt.toISOString(),
        replacedInvitations: replaced.length,
      },
    });
    return { invitationId: invitation.id, email: input.email, role: input.role, expiresAt, link };
  });
}
