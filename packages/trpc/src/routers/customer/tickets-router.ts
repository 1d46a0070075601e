import { CustomerReplyInput, MarkTicketSolvedInput, OpenTicketInput, TicketId } from "@trustdesk/domain";
import {
  assertRecoveryMayOpenTicket,
  assertRecoveryMayRead,
  getCustomerTicket,
  keepRecoveryTickets,
  listCustomerTickets,
  markTicketSolved,
  openTicket,
  replyToTicket,
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
  /** Replies happen here, signed in — never by email. A recovery session answers takeover tickets only. */
  reply: customerRecoveryProcedure.input(CustomerReplyInput).mutation(async ({ ctx, input }) => {
    if (ctx.customer.recovery)
      assertRecoveryMayRead(ctx.customer, await getCustomerTicket(ctx.deps, ctx.customer, input.ticketId));
    return replyToTicket(ctx.deps, ctx.customer, ctx.meta, input);
  }),
  markSolved: customerRecoveryProcedure.input(MarkTicketSolvedInput).mutation(async ({ ctx, input }) => {
    if (ctx.customer.recovery)
      assertRecoveryMayRead(ctx.customer, await getCustomerTicket(ctx.deps, ctx.customer, input.ticketId));
    return markTicketSolved(ctx.deps, ctx.customer, ctx.meta, input.ticketId);
  }),
});
