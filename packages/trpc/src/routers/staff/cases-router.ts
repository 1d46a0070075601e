import { CaseListQuery } from "@trustdesk/domain";
import { getCase, listCases } from "@trustdesk/services";
import { z } from "zod";
import { router, staffProcedure } from "../../trpc.ts";

export const staffCasesRouter = router({
  list: staffProcedure("cases.view")
    .input(CaseListQuery)
    .query(({ ctx, input }) => listCases(ctx.deps, input)),
  get: staffProcedure("cases.view")
    .input(z.object({ number: z.string().trim().min(1, "Give a case number").max(40) }))
    .query(({ ctx, input }) => getCase(ctx.deps, input.number)),
});
