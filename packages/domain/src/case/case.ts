import { z } from "zod";

export const CaseStatus = z.enum(["open", "resolved"]);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Human-readable case numbers: `TD-` + year + `-` + a sequence number, e.g. TD-2026-001042. */
export const CaseNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^TD-\d{4}-\d{6}$/, "Case numbers look like TD-2026-001042");
export type CaseNumber = z.infer<typeof CaseNumber>;

export function formatCaseNumber(year: number, sequence: number): string {
  return `TD-${year}-${String(sequence).padStart(6, "0")}`;
}
