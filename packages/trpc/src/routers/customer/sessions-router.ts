import { listAccountSessions, revokeCustomerSession } from "@trustdesk/services";
import { z } from "zod";
import { customerRecoveryProcedure, router } from "../../trpc.ts";

/** "Review sessions" of the takeover checklist, and everyday "where am I signed in". */
export const customerSessionsRouter = router({
  list: customerRecoveryProcedure.query(({ ctx }) =>
    listAccountSessions(ctx.deps, ctx.customer, ctx.customer.sessionId),
  ),
  revoke: customerRecoveryProcedure
    .input(z.object({ sessionId: z.uuid("Unknown session") }))
    .mutation(async ({ ctx, input }) => {
      await revokeCustomerSession(ctx.deps, ctx.customer, ctx.meta, input.sessionId);
      return { ok: true as const };
    }),
});
