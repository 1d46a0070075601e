import { getAccountOverview } from "@trustdesk/services";
import { customerProcedure, router } from "../../trpc.ts";

export const customerAccountRouter = router({
  overview: customerProcedure.query(({ ctx }) => getAccountOverview(ctx.deps, ctx.customer.accountId)),
});
