import { getAccountForStaff } from "@trustdesk/services";
import { z } from "zod";
import { router, staffProcedure } from "../../trpc.ts";

export const staffAccountsRouter = router({
  get: staffProcedure("accounts.view")
    .input(z.object({ accountId: z.uuid("Unknown account") }))
    .query(({ ctx, input }) => getAccountForStaff(ctx.deps, input.accountId)),
});
