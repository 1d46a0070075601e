import { OpenTicketInput, TicketId } from "@trustdesk/domain";
import { getCustomerTicket, listCustomerTickets, openTicket } from "@trustdesk/services";
import { z } from "zod";
import { customerProcedure, router } from "../../trpc.ts";

export const customerTicketsRouter = router({
  list: customerProcedure.query(({ ctx }) => listCustomerTickets(ctx.deps, ctx.customer)),
  open: customerProcedure
    .input(OpenTicketInput)
    .mutation(({ ctx, input }) => openTicket(ctx.deps, ctx.customer, ctx.meta, input)),
  get: customerProcedure
    .input(z.object({ ticketId: TicketId }))
    .query(({ ctx, input }) => getCustomerTicket(ctx.deps, ctx.customer, input.ticketId)),
});
