import { z } from "zod";

/** A compromise report from a fraud analyst or an internal detector (account takeover). */
export const CompromiseReportInput = z.object({
  reportId: z.string().trim().min(1, "reportId is required").max(200, "reportId is at most 200 characters"),
  accountId: z.uuid("accountId must be an account's UUID"),
  summary: z
    .string()
    .trim()
    .min(3, "Describe what was seen in a few words")
    .max(2000, "summary is at most 2000 characters"),
  signals: z
    .array(z.string().trim().min(1).max(200))
    .max(50, "At most 50 signals")
    .default([])
    .describe("what the detector saw, e.g. 'impossible travel', 'new device + password change'"),
});
export type CompromiseReportInput = z.infer<typeof CompromiseReportInput>;
