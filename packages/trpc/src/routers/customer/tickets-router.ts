import { OpenTicketInput, TicketId } from "@trustdesk/domain";
import {
  assertRecoveryMayOpenTicket,
  assertRecoveryMayRead,
  getCustomerTicket,
  keepRecoveryTickets,
  listCustomerTickets,
  openTicket,
} from "@trustdesk/services";
import { z } from "zod";
import { customerRecoveryProcedure, router } from "../../trpc.ts";

/** Open to a takeover-recovery session too, which sees and opens account-takeover tickets only. */
export const customerTicketsRouter = router({
  list: customerRecoveryProcedure.query(async ({ ctx }) =>
    keepRecoveryTickets(ctx.customer, await listCustomerTickets(ctx.deps, ctx.customer)),
  ),
  open: customerRecoveryProcedure.input(OpenTicketInput).mutation(({ ctx, input }) => {
    assertRecoveryMayOpenTicket(ctx.customer, input.category);
    return openTicket(ctx.deps, ctx.customer, ctx.meta, input);
  }),
  get: customerRecoveryProcedure
    .input(z.object({ ticketId: TicketId }))
    .query(async ({ ctx, input }) =>
      assertRecoveryMayRead(ctx.customer, await getCustomerTicket(ctx.deps, ctx.customer, input.ticketId)),
    ),
});
