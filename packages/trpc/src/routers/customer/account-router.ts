import { getAccountOverview } from "@trustdesk/services";
import { customerRecoveryProcedure, router } from "../../trpc.ts";

/** The restriction, its case, hotline and checklist: what a recovery session works from. */
export const customerAccountRouter = router({
  overview: customerRecoveryProcedure.query(({ ctx }) =>
    getAccountOverview(ctx.deps, ctx.customer.accountId),
  ),
});
