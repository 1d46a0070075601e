import { z } from "zod";

export const VettingOutcome = z.enum(["approve", "review", "reject"]);
export type VettingOutcome = z.infer<typeof VettingOutcome>;
