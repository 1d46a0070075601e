import { z } from "zod";

export const EnforcementReason = z.enum([
  "account_takeover",
  "signup_vetting",
  "dormancy",
  "exposed_credentials",
  "manual",
]);
export type EnforcementReason = z.infer<typeof EnforcementReason>;

export const EnforcementStatus = z.enum(["active", "lifted"]);
export type EnforcementStatus = z.infer<typeof EnforcementStatus>;

/**
 * What a customer is told about each reason. Customer-safe: no internal policy codes, weights,
 * list names or notes ever reach this text.
 */
export const ENFORCEMENT_CUSTOMER_TEXT: Record<EnforcementReason, { title: string; explanation: string }> = {
  account_takeover: {
    title: "Your account is suspended to protect it",
    explanation:
      "We believe someone else gained access to your account. Sending and API access are blocked, every session was signed out and your API keys were disabled until you secure the account.",
  },
  signup_vetting: {
    title: "Your new account is being reviewed",
    explanation:
      "Before a new account can send email we check its details. Your account needs a closer look, or could not be approved automatically.",
  },
  dormancy: {
    title: "Your account was deactivated after a long time without use",
    explanation:
      "Accounts that send no email, make no API calls and have no sign-ins for a long time are deactivated. Tell us how you will use the account to reactivate it.",
  },
  exposed_credentials: {
    title: "An API key of yours was found in public",
    explanation:
      "We found one of your API keys where anyone could read it and revoked it at once. Replace the key and confirm the clean-up to restore access.",
  },
  manual: {
    title: "Your account is restricted",
    explanation:
      "Our Consumer Trust team restricted this account. Open a ticket and we will tell you what is needed.",
  },
};

export const ENFORCEMENT_REASON_LABELS: Record<EnforcementReason, string> = {
  account_takeover: "Account takeover",
  signup_vetting: "Sign-up vetting",
  dormancy: "Dormant account",
  exposed_credentials: "Exposed credentials",
  manual: "Manual",
};

/**
 * What happens once the customer has done everything the checklist asks: who reviews, and when.
 * Shown under a completed checklist so nobody waits without knowing for what.
 */
export const ENFORCEMENT_NEXT_STEP: Record<EnforcementReason, string> = {
  account_takeover:
    "You have done everything we asked. Two members of our Consumer Trust team review the recovery and lift the suspension — usually within 24–48 hours. We email you as soon as it is lifted.",
  signup_vetting:
    "Our Consumer Trust team reviews your sign-up, usually within 24–48 hours, and emails you the decision.",
  dormancy:
    "Our Consumer Trust team reviews your reactivation request, usually within 24–48 hours, and emails you when the account is active again.",
  exposed_credentials:
    "You have done everything we asked. Our Consumer Trust team checks the clean-up and lifts the restriction, usually within 24–48 hours. We email you as soon as it is lifted.",
  manual:
    "Our Consumer Trust team reviews the restriction, usually within 24–48 hours, and tells you on your ticket.",
};
