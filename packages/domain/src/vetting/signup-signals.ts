import { z } from "zod";

/**
 * How the DNS lookup of the email domain went. `ok` is any definitive answer, including "no such
 * domain" and "no records" (then `hasMx`/`hasA` are false). `timeout` is the hard timeout expiring;
 * `error` is a failure that says nothing about the domain (SERVFAIL, refused, network down). Both
 * non-ok statuses fire `dns_unavailable` and never `no_mx_or_a_record`.
 */
export const DnsCheck = z.strictObject({
  status: z.enum(["ok", "timeout", "error"]),
  hasMx: z.boolean(),
  hasA: z.boolean(),
  /**
   * The domain publishes a null MX (`MX 0 .`, RFC 7505): it says it accepts no mail, and senders
   * must not fall back to its A record. Absent from signals stored before it was collected, and
   * from hand-built signals: absent means no.
   */
  nullMx: z.boolean().optional(),
});
export type DnsCheck = z.infer<typeof DnsCheck>;

const Count = z.int().min(0);

/**
 * The facts the service gathers before evaluating a sign-up. Stored with the decision
 * (`vetting_decisions.signals`) so the decision can be explained and replayed later.
 */
export const SignupSignals = z.strictObject({
  /** Lower-case domain of the sign-up email (after the last `@`). */
  emailDomain: z.string().min(1).max(253),
  /** Lower-case part of the sign-up email before the last `@`. */
  emailLocalPart: z.string().min(1).max(64),
  isDisposableDomain: z.boolean(),
  isFreeMailDomain: z.boolean(),
  dns: DnsCheck,
  /** Earlier sign-ups (this one not counted) in the 24 h before this one that share the attribute. */
  signupsLast24h: z.strictObject({
    sameIp: Count,
    sameEmailDomain: Count,
    /**
     * Earlier sign-ups from the same browser (the portal's device id, hashed); null when the
     * sign-up carried no device id (an old sign-up, a re-run of one, or a client that sent none).
     */
    sameDevice: Count.nullable(),
  }),
  /** ISO 3166 alpha-2, upper case; null when unknown. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  name: z.string().max(200),
  /** The account (company or project) name. */
  company: z.string().max(200),
  /** Host of the website given at sign-up, lower case (e.g. `www.acme.com`); null when none. */
  website: z.string().min(1).max(253).nullable(),
});
export type SignupSignals = z.infer<typeof SignupSignals>;

/** Splits an (already validated) email address at its last `@`, lower-cased. */
export function splitEmailAddress(email: string): { localPart: string; domain: string } {
  const normalized = email.trim().toLowerCase();
  const at = normalized.lastIndexOf("@");
  if (at < 0) return { localPart: normalized, domain: "" };
  return { localPart: normalized.slice(0, at), domain: normalized.slice(at + 1) };
}

/** `https://www.acme.com/about` → `www.acme.com`; null for an absent or unparseable website. */
export function websiteHost(website: string | null | undefined): string | null {
  if (!website) return null;
  try {
    const host = new URL(website).hostname.toLowerCase().replace(/\.$/, "");
    return host.length > 0 ? host : null;
  } catch {
    return null;
  }
}
