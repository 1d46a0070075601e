import { z } from "zod";
import { StaffNote } from "./evidence.ts";

/**
 * An account-takeover lift request has one owner at a time: the requester may withdraw it, and a
 * lead (not the requester) may decline it with a note the requester will read. After either, a new
 * request can be made.
 */
export const WithdrawLiftRequestInput = z.object({ enforcementId: z.uuid("Unknown enforcement") });
export type WithdrawLiftRequestInput = z.infer<typeof WithdrawLiftRequestInput>;

export const DeclineLiftRequestInput = z.object({
  enforcementId: z.uuid("Unknown enforcement"),
  /** Why the lift is declined: what the requester has to look at before asking again. */
  note: StaffNote,
});
export type DeclineLiftRequestInput = z.infer<typeof DeclineLiftRequestInput>;
