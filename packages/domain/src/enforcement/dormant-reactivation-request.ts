import { z } from "zod";
import { safeText } from "../text/safe-text.ts";
import { DomainName } from "../vetting/domain-name.ts";

export const INTENDED_USE_MIN = 20;
export const INTENDED_USE_MAX = 2000;
export const MAX_MONTHLY_VOLUME = 1_000_000_000;
export const MAX_SENDING_DOMAINS = 20;

const volumeMessage =
  "Enter how many emails you expect to send per month, as a whole number from 1 to 1,000,000,000";

/** What a customer tells us to reactivate a dormant account (the dormant-account ticket form). */
export const DormantReactivationRequest = z.object({
  intendedUse: safeText({
    min: INTENDED_USE_MIN,
    max: INTENDED_USE_MAX,
    multiline: true,
    required: "Tell us what you will send",
    tooShort: `Tell us in a sentence or two what you will send and to whom (at least ${INTENDED_USE_MIN} characters)`,
    tooLong: `Keep the description under ${INTENDED_USE_MAX} characters`,
  }),
  expectedMonthlyVolume: z.int(volumeMessage).min(1, volumeMessage).max(MAX_MONTHLY_VOLUME, volumeMessage),
  sendingDomains: z
    .array(DomainName, "List the domains you will send from")
    .min(1, "Add at least one domain you will send from, such as example.com")
    .max(MAX_SENDING_DOMAINS, `Add at most ${MAX_SENDING_DOMAINS} sending domains`)
    .refine((ds) => new Set(ds).size === ds.length, "List each sending domain only once"),
});
export type DormantReactivationRequest = z.infer<typeof DormantReactivationRequest>;
