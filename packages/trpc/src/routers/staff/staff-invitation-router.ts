import { AcceptStaffInvitationInput, StaffInvitationLookupInput } from "@trustdesk/domain";
import { acceptStaffInvitation, describeStaffInvitation, resolveSession } from "@trustdesk/services";
import { publicProcedure, router } from "../../trpc.ts";

/** The public invitation page: who invited whom as what, then the password that makes the account. */
export const staffInvitationRouter = router({
  describe: publicProcedure
    .input(StaffInvitationLookupInput)
    .query(({ ctx, input }) => describeStaffInvitation(ctx.deps, ctx.meta, input)),

  /** Ends in a session that may only enrol TOTP: the dashboard's sign-in page takes over from there. */
  accept: publicProcedure.input(AcceptStaffInvitationInput).mutation(async ({ ctx, input }) => {
    const previous = await resolveSession(ctx.deps, "staff", ctx.cookies.read("staff"));
    const issued = await acceptStaffInvitation(ctx.deps, ctx.meta, input, previous?.id ?? null);
    ctx.cookies.write("staff", issued.token, issued.expiresAt);
    return { stage: "totp_enrolment" as const };
  }),
});
