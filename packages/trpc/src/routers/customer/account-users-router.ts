import {
  AcceptInvitationInput,
  ChangeAccountUserRoleInput,
  InviteAccountUserInput,
  RemoveAccountUserInput,
  RevokeInvitationInput,
} from "@trustdesk/domain";
import {
  acceptInvitation,
  changeAccountUserRole,
  inviteAccountUser,
  listAccountUsers,
  removeAccountUser,
  resolveSession,
  revokeInvitation,
} from "@trustdesk/services";
import { customerProcedure, publicProcedure, router } from "../../trpc.ts";

/**
 * The account's users (owner/admin manage, the rules are in the services and the domain). Each
 * procedure is one call over its service, so another session stage can be let in by swapping the
 * procedure builder.
 */
export const customerAccountUsersRouter = router({
  list: customerProcedure.query(({ ctx }) => listAccountUsers(ctx.deps, ctx.customer)),
  invite: customerProcedure
    .input(InviteAccountUserInput)
    .mutation(({ ctx, input }) => inviteAccountUser(ctx.deps, ctx.customer, ctx.meta, input)),
  revokeInvitation: customerProcedure
    .input(RevokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.deps, ctx.customer, ctx.meta, input)),
  changeRole: customerProcedure
    .input(ChangeAccountUserRoleInput)
    .mutation(({ ctx, input }) => changeAccountUserRole(ctx.deps, ctx.customer, ctx.meta, input)),
  remove: customerProcedure
    .input(RemoveAccountUserInput)
    .mutation(({ ctx, input }) => removeAccountUser(ctx.deps, ctx.customer, ctx.meta, input)),

  /** Public: the invitation link's page. Signs the new user in, like sign-up. */
  acceptInvitation: publicProcedure.input(AcceptInvitationInput).mutation(async ({ ctx, input }) => {
    const previous = await resolveSession(ctx.deps, "customer", ctx.cookies.read("customer"));
    const issued = await acceptInvitation(ctx.deps, ctx.meta, input, previous?.id ?? null);
    ctx.cookies.write("customer", issued.token, issued.expiresAt);
    return { status: "signed_in" as const };
  }),
});
