import { RetryMailDeliveryInput } from "@trustdesk/domain";
import { listMailDeliveryProblems, retryMailDelivery } from "@trustdesk/services";
import { staffActor } from "../../staff-actor.ts";
import { router, staffProcedure } from "../../trpc.ts";

/** "Mail delivery": dead-lettered and failing mails, and an admin's retry. */
export const staffMailRouter = router({
  problems: staffProcedure("mail.manage").query(({ ctx }) => listMailDeliveryProblems(ctx.deps)),
  retry: staffProcedure("mail.manage")
    .input(RetryMailDeliveryInput)
    .mutation(({ ctx, input }) => retryMailDelivery(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),
});
