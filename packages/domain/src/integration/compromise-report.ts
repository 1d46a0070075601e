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

/** What a compromise report answers, to a service (REST) and to staff (tRPC) alike. */
export const CompromiseReportResult = z.object({
  reportId: z.string(),
  accountId: z.uuid(),
  caseNumber: z.string().describe("the case opened for the takeover, e.g. TD-2026-001042"),
  hotlineNumber: z.string().describe("the number the customer is told to call"),
  enforcementId: z.uuid(),
  created: z.boolean().describe("false when this report id was already processed: a retry changes nothing"),
});
export type CompromiseReportResult = z.infer<typeof CompromiseReportResult>;

/** Who sent a compromise report: a staff member (dashboard) or an internal system (service token). */
export const CompromiseReportSource = z.enum(["staff", "service"]);
export type CompromiseReportSource = z.infer<typeof CompromiseReportSource>;
