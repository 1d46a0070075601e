import { z } from "zod";
import { CaseNumber } from "../case/case.ts";
import { DormantReactivationRequest } from "../enforcement/dormant-reactivation-request.ts";
import { safeText } from "../text/safe-text.ts";
import { IdempotencyKey } from "./ticket-conversation-input.ts";

const Subject = safeText({
  min: 3,
  max: 200,
  required: "Write a subject",
  tooShort: "Write a subject of at least 3 characters",
  tooLong: "Keep the subject under 200 characters",
});
const Body = safeText({
  min: 1,
  max: 20_000,
  multiline: true,
  required: "Tell us what happened",
  tooShort: "Tell us what happened",
  tooLong: "Keep the message under 20,000 characters",
});
/**
 * One per submit, made by the browser (the portal always sends one): a double submit opens one
 * ticket. Optional for other callers, which then get no replay protection.
 */
const SubmitKey = IdempotencyKey.optional();

/**
 * What a customer sends to open a ticket: common fields plus the form of its category (each
 * category asks for what an agent needs to act on it). Discriminated on `category`.
 */
export const OpenTicketInput = z.discriminatedUnion("category", [
  z.object({
    category: z.literal("account_takeover"),
    subject: Subject,
    body: Body,
    idempotencyKey: SubmitKey,
    form: z
      .object({ caseNumber: CaseNumber.optional(), escalate: z.boolean().default(false) })
      .default({ escalate: false }),
  }),
  z.object({
    category: z.literal("signup_vetting"),
    subject: Subject,
    body: Body,
    idempotencyKey: SubmitKey,
    form: z
      .object({
        appeal: z.boolean().default(true),
        businessDescription: safeText({
          max: 2000,
          multiline: true,
          tooLong: "Keep it under 2,000 characters",
        }).optional(),
      })
      .default({ appeal: true }),
  }),
  z.object({
    category: z.literal("dormant_account"),
    subject: Subject,
    body: Body,
    idempotencyKey: SubmitKey,
    form: DormantReactivationRequest,
  }),
  z.object({
    category: z.literal("exposed_credentials"),
    subject: Subject,
    body: Body,
    idempotencyKey: SubmitKey,
    form: z.object({
      whereLeaked: safeText({
        min: 3,
        max: 2000,
        multiline: true,
        required: "Say where the key was published",
        tooShort: "Say where the key was published",
        tooLong: "Keep it under 2,000 characters",
      }),
      rotationConfirmed: z
        .boolean()
        .describe("I revoked the exposed key, created a replacement and removed it from where it leaked"),
    }),
  }),
  z.object({
    category: z.literal("other"),
    subject: Subject,
    body: Body,
    idempotencyKey: SubmitKey,
    form: z.object({}).default({}),
  }),
]);
export type OpenTicketInput = z.infer<typeof OpenTicketInput>;
