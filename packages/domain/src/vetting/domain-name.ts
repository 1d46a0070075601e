import { z } from "zod";

/**
 * A DNS host name as a person types it: trimmed, lower-cased, without a trailing dot. At least two
 * labels, each 1–63 letters, digits or hyphens (not at either end), a TLD of letters (or an IDN
 * `xn--` label), 253 characters at most. Internationalised names must be given in their `xn--` form.
 */
export const DomainName = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/\.$/, ""))
  .pipe(
    z
      .string()
      .min(1, "Enter a domain name such as example.com")
      .max(253, "Domain names are at most 253 characters")
      .regex(
        /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/,
        "Enter a domain name such as example.com (letters, digits, hyphens and dots only)",
      ),
  );
export type DomainName = z.infer<typeof DomainName>;

/**
 * Second-level labels that act as public suffixes under a country TLD (`acme.co.uk`, `acme.com.au`).
 * `domain` carries no public-suffix list (it stays zod-only and browser-small), so this short list
 * covers the common cases; a name under a rarer suffix compares by a label that is one too short,
 * which only makes the consistency rules quieter, never louder.
 */
const GENERIC_SECOND_LEVEL = new Set([
  "co",
  "com",
  "org",
  "net",
  "gov",
  "edu",
  "ac",
  "ltd",
  "plc",
  "ne",
  "or",
]);

/** `www.shop.acme.co.uk` → `acme`: the label just left of the (approximate) public suffix. */
export function domainCoreLabel(host: string): string {
  const labels = hostLabels(host);
  if (labels.length <= 1) return labels[0] ?? "";
  let end = labels.length - 1; // drop the TLD
  const beforeTld = labels[end - 1];
  if (end >= 2 && beforeTld !== undefined && GENERIC_SECOND_LEVEL.has(beforeTld)) end -= 1;
  return labels[end - 1] ?? "";
}

/** The labels of a host below its (approximate) public suffix, without a leading `www`. */
export function domainOwnLabels(host: string): string[] {
  const labels = hostLabels(host);
  const core = domainCoreLabel(host);
  const coreIndex = labels.lastIndexOf(core);
  return coreIndex < 0 ? [] : labels.slice(0, coreIndex + 1);
}

function hostLabels(host: string): string[] {
  const labels = host.trim().toLowerCase().replace(/\.$/, "").split(".").filter(Boolean);
  if (labels[0] === "www" && labels.length > 2) labels.shift();
  return labels;
}

/** `acme.com` and `mail.acme.com` are the same organisation; so are `acme.com` and `acme.co.uk`. */
export function domainsRelated(a: string, b: string): boolean {
  const ca = domainCoreLabel(a);
  const cb = domainCoreLabel(b);
  if (ca === "" || cb === "") return false;
  if (ca === cb) return true;
  // `acme` vs `acmecorp`: one brand's name inside the other's, if long enough not to be chance.
  const [shorter, longer] = ca.length <= cb.length ? [ca, cb] : [cb, ca];
  return shorter.length >= 4 && longer.includes(shorter);
}
