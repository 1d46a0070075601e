import { AccountSearchQuery, EnforcementReason } from "@trustdesk/domain";
import { getAccountForStaff, listRecentlyRestrictedAccounts, searchAccounts } from "@trustdesk/services";
import { z } from "zod";
import { router, staffProcedure } from "../../trpc.ts";

export const staffAccountsRouter = router({
  get: staffProcedure("accounts.view")
    .input(z.object({ accountId: z.uuid("Unknown account") }))
    .query(({ ctx, input }) =>
      getAccountForStaff(ctx.deps, input.accountId, { staffId: ctx.staff.staffId, role: ctx.staff.role }),
    ),
  search: staffProcedure("accounts.view")
    .input(z.object({ query: AccountSearchQuery }))
    .query(({ ctx, input }) => searchAccounts(ctx.deps, input.query)),
  recentlyRestricted: staffProcedure("accounts.view")
    .input(z.object({ reason: EnforcementReason.nullish() }))
    .query(({ ctx, input }) => listRecentlyRestrictedAccounts(ctx.deps, { reason: input.reason })),
});
