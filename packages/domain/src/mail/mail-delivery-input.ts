import { z } from "zod";

/** The admin page's "Retry" on a dead-lettered or failing mail. */
export const RetryMailDeliveryInput = z.object({ mailId: z.uuid("Unknown mail") });
export type RetryMailDeliveryInput = z.infer<typeof RetryMailDeliveryInput>;
