import { z } from "zod";
import { StaffNote } from "../enforcement/evidence.ts";

/** An agent's decision on a sign-up in review (or on the appeal of a rejected one). */
export const VettingDecisionInput = z.object({
  accountId: z.uuid("Unknown account"),
  outcome: z.enum(["approve", "reject"], "Choose whether to approve or reject the sign-up"),
  note: StaffNote,
  /** When the decision answers a customer's appeal of a rejection. */
  appealTicketId: z.uuid("Unknown ticket").optional(),
});
export type VettingDecisionInput = z.infer<typeof VettingDecisionInput>;
