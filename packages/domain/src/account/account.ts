import { z } from "zod";
import { safeText } from "../text/safe-text.ts";

export const AccountPlan = z.enum(["free", "essentials", "pro", "premier"]);
export type AccountPlan = z.infer<typeof AccountPlan>;

/** Derived, never stored: closed, restricted (≥ 1 active enforcement) or active. */
export const AccountState = z.enum(["active", "restricted", "closed"]);
export type AccountState = z.infer<typeof AccountState>;

/** What staff type to find an account: part of its name, an owner's email, or its id. */
export const AccountSearchQuery = safeText({
  min: 1,
  max: 200,
  required: "Type a name, an email or an account id",
  tooShort: "Type a name, an email or an account id",
  tooLong: "Keep the search under 200 characters",
});
