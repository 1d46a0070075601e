import { listTicketQueue } from "@trustdesk/services";
import { router, staffProcedure } from "../../trpc.ts";

export const staffQueueRouter = router({
  list: staffProcedure("tickets.work").query(({ ctx }) => listTicketQueue(ctx.deps)),
});
