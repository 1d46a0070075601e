import {
  ConfirmTicketRemediationInput,
  CustomerReplyInput,
  MarkTicketSolvedInput,
  OpenTicketInput,
  TicketCategory,
  TicketId,
} from "@trustdesk/domain";
import {
  assertRecoveryMayOpenTicket,
  assertRecoveryMayRead,
  confirmTicketRemediation,
  findOpenTicketAbout,
  getCustomerTicket,
  keepRecoveryTickets,
  listCustomerTickets,
  markTicketSolved,
  openTicket,
  replyToTicket,
} from "@trustdesk/services";
import { z } from "zod";
import { customerProcedure, customerRecoveryProcedure, router } from "../../trpc.ts";

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
  /** Before opening another: the open ticket already about this kind of restriction, if any. */
  openAbout: customerRecoveryProcedure
    .input(z.object({ category: TicketCategory }))
    .query(async ({ ctx, input }) => {
      const found = await findOpenTicketAbout(ctx.deps, ctx.customer, input.category);
      return found && keepRecoveryTickets(ctx.customer, [{ ...found, category: input.category }]).length > 0
        ? found
        : null;
    }),
  /** The checklist's confirmation, given on the ticket (clean-up done, reactivation requested). */
  confirm: customerProcedure
    .input(ConfirmTicketRemediationInput)
    .mutation(({ ctx, input }) => confirmTicketRemediation(ctx.deps, ctx.customer, ctx.meta, input.ticketId)),
  markSolved: customerRecoveryProcedure.input(MarkTicketSolvedInput).mutation(async ({ ctx, input }) => {
    if (ctx.customer.recovery)
      assertRecoveryMayRead(ctx.customer, await getCustomerTicket(ctx.deps, ctx.customer, input.ticketId));
    return markTicketSolved(ctx.deps, ctx.customer, ctx.meta, input.ticketId);
  }),
});
