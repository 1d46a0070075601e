import { TicketId } from "@trustdesk/domain";
import { getCustomerTicket, listCustomerTickets } from "@trustdesk/services";
import { z } from "zod";
import { customerProcedure, router } from "../../trpc.ts";

export const customerTicketsRouter = router({
  list: customerProcedure.query(({ ctx }) => listCustomerTickets(ctx.deps, ctx.customer.accountId)),
  get: customerProcedure
    .input(z.object({ ticketId: TicketId }))
    .query(({ ctx, input }) => getCustomerTicket(ctx.deps, ctx.customer.accountId, input.ticketId)),
});
