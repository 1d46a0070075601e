import { z } from "zod";

export const VettingOutcome = z.enum(["approve", "review", "reject"]);
export type VettingOutcome = z.infer<typeof VettingOutcome>;

/** Who made a vetting decision: the stored policy (at sign-up) or a staff member (on review). */
export const VettingDecider = z.enum(["policy", "staff"]);
export type VettingDecider = z.infer<typeof VettingDecider>;
