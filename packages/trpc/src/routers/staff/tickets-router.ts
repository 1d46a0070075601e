import {
  AssignTicketInput,
  ChangeTicketStatusInput,
  MergeTicketsInput,
  StaffReplyInput,
  TicketNumber,
  UpdateTicketTriageInput,
} from "@trustdesk/domain";
import {
  answerTicket,
  assignTicket,
  changeTicketStatus,
  getTicketForStaff,
  listTicketAssignees,
  mergeTickets,
  updateTicketTriage,
} from "@trustdesk/services";
import { z } from "zod";
import { staffActor } from "../../staff-actor.ts";
import { router, staffProcedure } from "../../trpc.ts";

/** The ticket workspace: read one ticket, answer it, move it along, give it to someone. */
export const staffTicketsRouter = router({
  get: staffProcedure("tickets.work")
    .input(z.object({ number: TicketNumber }))
    .query(({ ctx, input }) => getTicketForStaff(ctx.deps, { number: input.number })),
  assignees: staffProcedure("tickets.work").query(({ ctx }) => listTicketAssignees(ctx.deps)),
  reply: staffProcedure("tickets.work")
    .input(StaffReplyInput)
    .mutation(({ ctx, input }) => answerTicket(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),
  setStatus: staffProcedure("tickets.work")
    .input(ChangeTicketStatusInput)
    .mutation(({ ctx, input }) => changeTicketStatus(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),
  assign: staffProcedure("tickets.work")
    .input(AssignTicketInput)
    .mutation(({ ctx, input }) => assignTicket(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),
  triage: staffProcedure("tickets.work")
    .input(UpdateTicketTriageInput)
    .mutation(({ ctx, input }) => updateTicketTriage(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),
  /** Merge a duplicate into another ticket of the same account (both versions checked). */
  merge: staffProcedure("tickets.work")
    .input(MergeTicketsInput)
    .mutation(({ ctx, input }) => mergeTickets(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),
});
