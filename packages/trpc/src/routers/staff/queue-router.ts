import { ListQueueInput, SearchTicketsInput } from "@trustdesk/domain";
import { countTicketQueue, listTicketQueue, searchTickets } from "@trustdesk/services";
import { router, staffProcedure } from "../../trpc.ts";

/** The agents' queue: one page of a view (keyset), every view's count, and search. */
export const staffQueueRouter = router({
  list: staffProcedure("tickets.work")
    .input(ListQueueInput.prefault({}))
    .query(({ ctx, input }) => listTicketQueue(ctx.deps, { staffId: ctx.staff.staffId }, input)),
  counts: staffProcedure("tickets.work").query(({ ctx }) =>
    countTicketQueue(ctx.deps, { staffId: ctx.staff.staffId }),
  ),
  search: staffProcedure("tickets.work")
    .input(SearchTicketsInput)
    .query(({ ctx, input }) => searchTickets(ctx.deps, input)),
});
