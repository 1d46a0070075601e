import { CreateApiKeyInput } from "@trustdesk/domain";
import { createApiKey, listApiKeys, revokeApiKey } from "@trustdesk/services";
import { z } from "zod";
import { customerProcedure, router } from "../../trpc.ts";

export const customerApiKeysRouter = router({
  list: customerProcedure.query(({ ctx }) => listApiKeys(ctx.deps, ctx.customer.accountId)),
  create: customerProcedure
    .input(CreateApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.deps, ctx.customer, ctx.meta, input.name)),
  revoke: customerProcedure
    .input(z.object({ keyId: z.uuid("Unknown API key") }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx.deps, ctx.customer, ctx.meta, input.keyId);
      return { ok: true as const };
    }),
});
