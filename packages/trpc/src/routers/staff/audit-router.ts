import { AuditLogQuery } from "@trustdesk/domain";
import { listAuditActors, listAuditEvents } from "@trustdesk/services";
import { router, staffProcedure } from "../../trpc.ts";

export const staffAuditRouter = router({
  list: staffProcedure("audit.view")
    .input(AuditLogQuery)
    .query(({ ctx, input }) => listAuditEvents(ctx.deps, input)),
  actors: staffProcedure("audit.view").query(({ ctx }) => listAuditActors(ctx.deps)),
});
