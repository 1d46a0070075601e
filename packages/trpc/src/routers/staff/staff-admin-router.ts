import {
  ChangeStaffRoleInput,
  InviteStaffMemberInput,
  RevokeStaffInvitationInput,
  StaffMemberInput,
} from "@trustdesk/domain";
import {
  changeStaffRole,
  deactivateStaffMember,
  inviteStaffMember,
  listStaffMembers,
  reactivateStaffMember,
  resetStaffTwoFactor,
  revokeStaffInvitation,
} from "@trustdesk/services";
import { router, staffProcedure } from "../../trpc.ts";

const admin = staffProcedure("staff.manage");

/** The Staff page: admins invite colleagues and change, deactivate, reactivate and reset them. */
export const staffAdminRouter = router({
  list: admin.query(({ ctx }) => listStaffMembers(ctx.deps, ctx.staff)),

  invite: admin.input(InviteStaffMemberInput).mutation(async ({ ctx, input }) => {
    // The link goes to the invitee's mailbox only; the admin's browser never sees the token.
    const { link: _link, ...sent } = await inviteStaffMember(ctx.deps, ctx.staff, ctx.meta, input);
    return sent;
  }),

  revokeInvitation: admin
    .input(RevokeStaffInvitationInput)
    .mutation(({ ctx, input }) => revokeStaffInvitation(ctx.deps, ctx.staff, ctx.meta, input)),

  changeRole: admin
    .input(ChangeStaffRoleInput)
    .mutation(({ ctx, input }) => changeStaffRole(ctx.deps, ctx.staff, ctx.meta, input)),

  deactivate: admin
    .input(StaffMemberInput)
    .mutation(({ ctx, input }) => deactivateStaffMember(ctx.deps, ctx.staff, ctx.meta, input)),

  reactivate: admin
    .input(StaffMemberInput)
    .mutation(({ ctx, input }) => reactivateStaffMember(ctx.deps, ctx.staff, ctx.meta, input)),

  resetTwoFactor: admin
    .input(StaffMemberInput)
    .mutation(({ ctx, input }) => resetStaffTwoFactor(ctx.deps, ctx.staff, ctx.meta, input)),
});
