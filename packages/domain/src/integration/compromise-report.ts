import { z } from "zod";
import { safeText } from "../text/safe-text.ts";

/** A compromise report from a fraud analyst or an internal detector (account takeover). */
export const CompromiseReportInput = z.object({
  reportId: safeText({
    min: 1,
    max: 200,
    required: "reportId is required",
    tooShort: "reportId is required",
    tooLong: "reportId is at most 200 characters",
  }),
  accountId: z.uuid("accountId must be an account's UUID"),
  summary: safeText({
    min: 3,
    max: 2000,
    multiline: true,
    required: "Describe what was seen in a few words",
    tooShort: "Describe what was seen in a few words",
    tooLong: "summary is at most 2000 characters",
  }),
  signals: z
    .array(
      safeText({
        min: 1,
        max: 200,
        tooShort: "A signal cannot be empty",
        tooLong: "Each signal is at most 200 characters",
      }),
      "signals is a list of short descriptions",
    )
    .max(50, "At most 50 signals")
    .default([])
    .describe("what the detector saw, e.g. 'impossible travel', 'new device + password change'"),
});
export type CompromiseReportInput = z.infer<typeof CompromiseReportInput>;
