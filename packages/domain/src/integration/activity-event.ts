import { z } from "zod";
import { isoTimestamp, safeText } from "../text/safe-text.ts";

export const ActivityKind = z.enum(["mail_sent", "api_call", "sign_in"]);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const MAX_ACTIVITY_BATCH = 1000;

/** One activity event from the email service; `eventId` makes a retried batch harmless. */
export const ActivityEvent = z.object({
  eventId: safeText({
    min: 1,
    max: 200,
    required: "eventId is required",
    tooShort: "eventId is required",
    tooLong: "eventId is at most 200 characters",
  }),
  accountId: z.uuid("accountId must be an account's UUID"),
  kind: ActivityKind,
  occurredAt: isoTimestamp("occurredAt must be an ISO 8601 date-time, e.g. 2026-11-25T10:00:00Z"),
  quantity: z.number().int("quantity must be a whole number").min(1).max(1_000_000).default(1),
});
export type ActivityEvent = z.infer<typeof ActivityEvent>;

/**
 * The batch envelope is checked as a whole; its items one by one, so a bad item is reported by
 * index while the good ones are kept.
 */
export const ActivityBatchEnvelope = z.object({
  events: z
    .array(z.unknown())
    .min(1, "Send at least one event")
    .max(MAX_ACTIVITY_BATCH, `Send at most ${MAX_ACTIVITY_BATCH} events per request`),
});

export interface BatchItemError {
  index: number;
  eventId: string | null;
  errors: Record<string, string>;
}

export const ActivityBatchResult = z.object({
  accepted: z.number().int().describe("events recorded now"),
  duplicates: z.number().int().describe("events already recorded earlier (same eventId): ignored"),
  rejected: z.array(
    z.object({
      index: z.number().int(),
      eventId: z.string().nullable(),
      errors: z.record(z.string(), z.string()),
    }),
  ),
});
export type ActivityBatchResult = z.infer<typeof ActivityBatchResult>;
