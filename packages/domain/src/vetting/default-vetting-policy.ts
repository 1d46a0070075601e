import type { VettingPolicy } from "./vetting-policy.ts";

/**
 * Version 1 of the vetting policy, inserted by a migration (keep this data and the migration's in
 * step: a later version is a new row, never an edit of this one).
 *
 * Thresholds: review at 40, reject at 80. No single *weak* signal (free mail, an odd website, a
 * random-looking address, a shared office IP) reaches review on its own; one *strong* signal
 * (disposable domain, a domain that cannot receive mail, a device farming accounts) does; a reject
 * takes a strong signal plus corroboration, so an automatic rejection never rests on one heuristic.
 *
 * Weights:
 * - disposable_domain 70: throwaway addresses are the clearest sign of trial farming and spam
 *   sign-ups; alone → review, with any other scored signal → reject.
 * - no_mx_or_a_record 50: a domain that cannot receive mail cannot be the sender's real domain;
 *   alone → review.
 * - dns_unavailable 0: an outage on our side says nothing about the customer, so it adds nothing to
 *   the score; the engine still forces at least review because the domain went unchecked.
 * - velocity_device_24h 40 (≥ 2 earlier sign-ups): one device opening a third account in a day is
 *   rarely legitimate; alone → review.
 * - velocity_ip_24h 30 (≥ 3 earlier): offices, universities and carrier NAT share IPs, so this needs
 *   corroboration.
 * - high_risk_country 30: starts from FATF's "high-risk jurisdictions subject to a call for action"
 *   (KP, IR, MM) — a public, neutral list; the team should tune it to its own abuse data.
 * - velocity_domain_24h 25 (≥ 5 earlier, free mail exempt): colleagues do sign up separately, but
 *   rarely five in a day.
 * - random_local_part 25 (min length 8): generated addresses are common in farmed sign-ups, and the
 *   heuristic has false positives (numeric addresses are normal at some providers).
 * - name_company_website_inconsistent 20, website_unrelated_to_email_domain 15: brands and legal
 *   names differ often enough that these only corroborate.
 * - free_mail_domain 15: most small senders start on free mail; only corroborates (free mail plus a
 *   random-looking address reaches review, 15 + 25 = 40).
 */
export const DEFAULT_VETTING_POLICY: VettingPolicy = deepFreeze({
  version: 1,
  reviewThreshold: 40,
  rejectThreshold: 80,
  rules: [
    { id: "disposable_domain", weight: 70, enabled: true },
    { id: "free_mail_domain", weight: 15, enabled: true },
    { id: "no_mx_or_a_record", weight: 50, enabled: true },
    { id: "dns_unavailable", weight: 0, enabled: true },
    { id: "velocity_ip_24h", weight: 30, enabled: true, threshold: 3 },
    { id: "velocity_domain_24h", weight: 25, enabled: true, threshold: 5 },
    { id: "velocity_device_24h", weight: 40, enabled: true, threshold: 2 },
    { id: "high_risk_country", weight: 30, enabled: true, countries: ["IR", "KP", "MM"] },
    { id: "random_local_part", weight: 25, enabled: true, minLength: 8 },
    { id: "name_company_website_inconsistent", weight: 20, enabled: true },
    { id: "website_unrelated_to_email_domain", weight: 15, enabled: true },
  ],
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
