import { z } from "zod";
import { EnforcementReason } from "../enforcement/enforcement.ts";

/** "<created_at with microseconds>_<case id>": where the last page of cases ended (newest first). */
export const CaseCursor = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z_[0-9a-f-]{36}$/i,
    "This page link is no longer valid: start from the first page",
  )
  .transform((s) => {
    const [at, id] = s.split("_") as [string, string];
    return { at, id };
  });

export const CaseListQuery = z.object({
  status: z.enum(["open", "resolved", "all"]).default("open"),
  reason: EnforcementReason.optional(),
  accountId: z.uuid("Unknown account").optional(),
  cursor: CaseCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type CaseListQuery = z.input<typeof CaseListQuery>;
export type ParsedCaseListQuery = z.output<typeof CaseListQuery>;
