import { z } from "zod";

export const AccountPlan = z.enum(["free", "essentials", "pro", "premier"]);
export type AccountPlan = z.infer<typeof AccountPlan>;

/** Derived, never stored: closed, restricted (≥ 1 active enforcement) or active. */
export const AccountState = z.enum(["active", "restricted", "closed"]);
export type AccountState = z.infer<typeof AccountState>;

/** Days without activity after which the dormancy scan deactivates an account, per plan. */
export const DORMANCY_PERIOD_DAYS: Record<AccountPlan, number> = {
  free: 90,
  essentials: 180,
  pro: 365,
  premier: 365,
};
