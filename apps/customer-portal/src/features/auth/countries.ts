/**
 * Every ISO 3166-1 alpha-2 code a country has, named in the reader's language by the browser
 * (`Intl.DisplayNames`) — no list to maintain, no dependency. Codes the browser cannot name (unassigned
 * ones) are left out; the list is sorted by name.
 */
export function countryOptions(locale?: string): Array<{ code: string; name: string }> {
  const names = new Intl.DisplayNames(locale ? [locale] : undefined, { type: "region", fallback: "none" });
  const out: Array<{ code: string; name: string }> = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // User-assigned and exceptional codes are not countries.
      if (/^(AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN|UK)$/.test(code)) continue;
      const name = names.of(code);
      if (name && name !== code) out.push({ code, name });
    }
  }
  return out.sort((x, y) => x.name.localeCompare(y.name, locale));
}
