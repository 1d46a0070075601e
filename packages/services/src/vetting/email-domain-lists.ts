import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { disposableEmailBlocklistSet } from "disposable-email-domains-js";

/**
 * The two domain lists behind the `disposable_domain` and `free_mail_domain` rules, loaded once per
 * process into Sets (O(1) per sign-up).
 *
 * - **Disposable**: `disposable-email-domains-js` (CC0-1.0, 8,883 domains), the npm build of the
 *   community-curated disposable-email-domains list, whose additions and removals are reviewed (with
 *   an allowlist for false positives). The rule weighs 70 — one hit alone sends a sign-up to review —
 *   so a short list with few false positives beats a long noisy one. Not used: freemail's 88k
 *   `disposable.txt` (scraped, last published 2024-12; it lists e.g. the DNS host `cloudns.cc`),
 *   `mailchecker` (MIT, ~56k, broader but noisier), the npm `disposable-email-domains` (MIT, ~121k,
 *   last published 2024-12).
 * - **Free mail**: `freemail`'s `data/free.txt` (ISC, 4,466 lines), read directly instead of through
 *   `freemail.isFree()`: that function also answers true for its whole disposable list (which would
 *   double-count a disposable domain and bring the noisy list back in), scans a 92k-entry array per
 *   call (~0.6 ms), and cuts the domain with tldjs 1.x's years-old public-suffix list. A few large
 *   providers newer than the list are added below.
 *
 * A domain matches when it or a parent domain is listed (`x.mailinator.com`): providers hand out
 * sub-domains. Walking up stops before the TLD, and the lists hold registrable domains (the one
 * suffix-like entry, `co.cc`, is a defunct free sub-domain service whose sub-domains it means).
 */

const require = createRequire(import.meta.url);

let disposable: ReadonlySet<string> | undefined;
let freeMail: ReadonlySet<string> | undefined;

/** Free-mail providers missing from freemail 1.7.0 (Proton's and Tuta's current domains). */
const FREE_MAIL_SUPPLEMENT = ["proton.me", "pm.me", "tuta.io", "tuta.com", "tutanota.com", "tutanota.de"];

function disposableDomains(): ReadonlySet<string> {
  disposable ??= disposableEmailBlocklistSet();
  return disposable;
}

function freeMailDomains(): ReadonlySet<string> {
  if (!freeMail) {
    const text = readFileSync(require.resolve("freemail/data/free.txt"), "utf8");
    const domains = text
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      // The shipped file carries one scraping accident ("404: not found"): keep only host names.
      .filter((line) => /^[a-z0-9.-]+\.[a-z0-9-]+$/.test(line));
    freeMail = new Set([...domains, ...FREE_MAIL_SUPPLEMENT]);
  }
  return freeMail;
}

function listedWithParents(list: ReadonlySet<string>, domain: string): boolean {
  const labels = domain.toLowerCase().replace(/\.$/, "").split(".");
  // `a.b.example.com` → a.b.example.com, b.example.com, example.com (never the bare TLD).
  for (let i = 0; i + 1 < labels.length; i++) {
    if (list.has(labels.slice(i).join("."))) return true;
  }
  return false;
}

export function isDisposableEmailDomain(domain: string): boolean {
  return listedWithParents(disposableDomains(), domain);
}

export function isFreeMailDomain(domain: string): boolean {
  return listedWithParents(freeMailDomains(), domain);
}

/** Sizes of the loaded lists, for the README and the benchmark's report. */
export function emailDomainListSizes(): { disposable: number; freeMail: number } {
  return { disposable: disposableDomains().size, freeMail: freeMailDomains().size };
}
