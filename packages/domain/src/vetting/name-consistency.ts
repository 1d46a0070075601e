import { domainOwnLabels } from "./domain-name.ts";

/**
 * Do the name, the company (account name) and the website given at sign-up fit together?
 * A heuristic for one weighted rule, explainable in one line:
 *
 * - **Placeholder text**: the name or the company has no letter at all (`1234`, `---`), or is one
 *   character repeated (`xxxx`).
 * - **Website unrelated to both names**: the website's own labels (below its public suffix, without
 *   `www`) share nothing with the company or the person's name. "Share" means: a word of 3+ letters
 *   of either name appears in the site's labels (`Acme Widgets Ltd` ~ `acmewidgets.io`, `Jane Doe` ~
 *   `janedoe.dev`), a site label of 3+ letters appears in a name written without spaces, or the
 *   company's initials are a site label (`International Business Machines` ~ `ibm.com`).
 *
 * With no website only the placeholder test applies. Legal-form words (`Ltd`, `GmbH`, `Inc`, …)
 * never count as a match. Accents are folded (`Café Noël` ~ `cafenoel.fr`); names with no Latin
 * word of 3+ letters (e.g. written in another script) are not compared, so they never fire.
 */
const LEGAL_FORMS = new Set([
  "inc",
  "ltd",
  "llc",
  "llp",
  "gmbh",
  "corp",
  "corporation",
  "company",
  "limited",
  "the",
  "and",
  "for",
  "group",
  "holding",
  "holdings",
  "plc",
  "srl",
  "sas",
  "sarl",
  "pty",
  "bvba",
  "ltda",
]);

export function nameCompanyWebsiteInconsistency(
  name: string,
  company: string,
  websiteHost: string | null,
): string | null {
  if (isPlaceholder(name)) return "the name looks like placeholder text";
  if (isPlaceholder(company)) return "the company name looks like placeholder text";
  if (websiteHost === null) return null;

  const siteLabels = domainOwnLabels(websiteHost).map(fold);
  const site = siteLabels.join("");
  if (site.length === 0) return null;

  const companyWords = words(company).filter((w) => !LEGAL_FORMS.has(w));
  const nameWords = words(name);
  // Names written only in non-Latin scripts cannot be compared with an ASCII host: stay quiet.
  if (![...companyWords, ...nameWords].some((w) => w.length >= 3)) return null;
  const related = (ws: string[]): boolean => {
    if (ws.some((w) => w.length >= 3 && site.includes(w))) return true;
    const compact = ws.join("");
    return siteLabels.some((label) => label.length >= 3 && compact.includes(label));
  };
  const initials = companyWords.length >= 2 ? companyWords.map((w) => w[0]).join("") : "";
  if (related(companyWords) || related(nameWords) || (initials !== "" && siteLabels.includes(initials))) {
    return null;
  }
  return `the website ${websiteHost} shares no word with the company "${company}" or the name "${name}"`;
}

function fold(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function words(s: string): string[] {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.replace(/[^a-z0-9]/g, ""))
    .filter((w) => w.length > 0);
}

function isPlaceholder(s: string): boolean {
  const t = s.trim();
  if (t.length === 0) return false; // absence is not a contradiction
  if (!/\p{L}/u.test(t)) return true;
  const compact = t.toLowerCase().replace(/\s+/g, "");
  return compact.length >= 2 && new Set(compact).size === 1;
}
