import { CreateApiKeyInput } from "@trustdesk/domain";
import { createApiKey, listApiKeys, revokeApiKey } from "@trustdesk/services";
import { z } from "zod";
import { customerRecoveryProcedure, router } from "../../trpc.ts";

/** Reviewing and rotating keys is on the takeover checklist: open to a recovery session too. */
export const customerApiKeysRouter = router({
  list: customerRecoveryProcedure.query(({ ctx }) => listApiKeys(ctx.deps, ctx.customer.accountId)),
  create: customerRecoveryProcedure
    .input(CreateApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.deps, ctx.customer, ctx.meta, input.name)),
  revoke: customerRecoveryProcedure
    .input(z.object({ keyId: z.uuid("Unknown API key") }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx.deps, ctx.customer, ctx.meta, input.keyId);
      return { ok: true as const };
    }),
});
