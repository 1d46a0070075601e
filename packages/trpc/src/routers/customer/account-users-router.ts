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
import { customerProcedure, customerRecoveryProcedure, publicProcedure, router } from "../../trpc.ts";

/**
 * The account's users (owner/admin manage, the rules are in the services and the domain). Each
 * procedure is one call over its service. "Review and remove the account's users" is on the takeover
 * checklist, so a recovery session may list, change roles, remove and revoke invitations — but not
 * invite anyone new until the account is restored.
 */
export const customerAccountUsersRouter = router({
  list: customerRecoveryProcedure.query(({ ctx }) => listAccountUsers(ctx.deps, ctx.customer)),
  invite: customerProcedure
    .input(InviteAccountUserInput)
    .mutation(({ ctx, input }) => inviteAccountUser(ctx.deps, ctx.customer, ctx.meta, input)),
  revokeInvitation: customerRecoveryProcedure
    .input(RevokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.deps, ctx.customer, ctx.meta, input)),
  changeRole: customerRecoveryProcedure
    .input(ChangeAccountUserRoleInput)
    .mutation(({ ctx, input }) => changeAccountUserRole(ctx.deps, ctx.customer, ctx.meta, input)),
  remove: customerRecoveryProcedure
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
