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
    .input(z.object({ query: z.string().trim().min(1, "Type a name, an email or an account id").max(200) }))
    .query(({ ctx, input }) => searchAccounts(ctx.deps, input.query)),
});
