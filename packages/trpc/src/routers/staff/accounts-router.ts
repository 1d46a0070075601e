import { AccountSearchQuery } from "@trustdesk/domain";
import { getAccountForStaff, searchAccounts } from "@trustdesk/services";
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
});
