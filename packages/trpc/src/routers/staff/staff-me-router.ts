import { ChangePasswordInput, EndStaffSessionInput, RegenerateRecoveryCodesInput } from "@trustdesk/domain";
import {
  changePassword,
  endOtherOwnSessions,
  endOwnSession,
  listOwnSessions,
  regenerateRecoveryCodes,
} from "@trustdesk/services";
import { anyStaffProcedure, router } from "../../trpc.ts";

/** "My account": every staff member, whatever the role, manages their own credentials and sessions. */
export const staffMeRouter = router({
  changePassword: anyStaffProcedure.input(ChangePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.deps, ctx.meta, ctx.session, input);
    return { ok: true as const };
  }),

  regenerateRecoveryCodes: anyStaffProcedure
    .input(RegenerateRecoveryCodesInput)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.deps, ctx.staff, ctx.meta, input)),

  sessions: anyStaffProcedure.query(({ ctx }) => listOwnSessions(ctx.deps, ctx.staff)),

  endSession: anyStaffProcedure.input(EndStaffSessionInput).mutation(async ({ ctx, input }) => {
    await endOwnSession(ctx.deps, ctx.staff, ctx.meta, input);
    return { ok: true as const };
  }),

  endOtherSessions: anyStaffProcedure.mutation(({ ctx }) =>
    endOtherOwnSessions(ctx.deps, ctx.staff, ctx.meta),
  ),
});
