/**
 * Is an email local part numeric or random-looking? A deliberately simple character-class heuristic,
 * cheap enough for every sign-up and explainable to an agent in one line:
 *
 * 1. Normalise: lower-case, drop a `+tag`, drop the separators `.`, `_` and `-`.
 * 2. **Numeric**: what is left is only digits (`4155550123`, `20240101`) — at any length.
 * 3. **Random-looking** (only when at least `minLength` characters are left), any of:
 *    - letters and digits alternate at least 3 times (`a8f3k2`, `x7q9zz1`): generated ids and hex
 *      strings do this, names with a year or a number (`john1985`, `anna2`) alternate once;
 *    - a run of 6 or more consonants (`kqwpzmrt`): even consonant-heavy names (`mschmidt`,
 *      `armstrong`) stay at 5 or fewer; `y` counts as a vowel to keep Welsh and Slavic names quiet;
 *    - at least 6 letters and no vowel at all (`xkcdqwrt`).
 *
 * Shannon entropy was considered and left out: on strings this short it separates `christopher`
 * from `xk7q2vbz9w` worse than the character classes do. Random strings that happen to have vowels
 * in the right places slip through; the rule is one weighted signal, not a verdict.
 */
export interface LocalPartAssessment {
  kind: "numeric" | "random" | null;
  /** Agent-facing: which test fired, e.g. "letters and digits alternate 5 times". */
  why: string | null;
}

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);

export function assessLocalPart(localPart: string, minLength: number): LocalPartAssessment {
  const normalized = normalizeLocalPart(localPart);
  if (normalized.length === 0) return { kind: null, why: null };
  if (/^\d+$/.test(normalized)) return { kind: "numeric", why: "only digits" };
  if (normalized.length < minLength) return { kind: null, why: null };

  const transitions = classTransitions(normalized);
  if (transitions >= 3) return { kind: "random", why: `letters and digits alternate ${transitions} times` };

  const run = longestConsonantRun(normalized);
  if (run >= 6) return { kind: "random", why: `${run} consonants in a row` };

  const letters = [...normalized].filter((c) => /[a-z]/.test(c));
  if (letters.length >= 6 && !letters.some((c) => VOWELS.has(c))) {
    return { kind: "random", why: `${letters.length} letters without a vowel` };
  }
  return { kind: null, why: null };
}

export function normalizeLocalPart(localPart: string): string {
  const lower = localPart.toLowerCase();
  const plus = lower.indexOf("+");
  const untagged = plus >= 0 ? lower.slice(0, plus) : lower;
  return untagged.replace(/[._-]/g, "");
}

function charClass(c: string): "letter" | "digit" | "other" {
  if (/[a-z]/.test(c)) return "letter";
  if (/\d/.test(c)) return "digit";
  return "other";
}

/** How many times the string switches between a letter and a digit. */
function classTransitions(s: string): number {
  let count = 0;
  let previous: "letter" | "digit" | null = null;
  for (const c of s) {
    const cls = charClass(c);
    if (cls === "other") continue;
    if (previous !== null && cls !== previous) count += 1;
    previous = cls;
  }
  return count;
}

function longestConsonantRun(s: string): number {
  let longest = 0;
  let current = 0;
  for (const c of s) {
    if (/[a-z]/.test(c) && !VOWELS.has(c)) {
      current += 1;
      if (current > longest) longest = current;
    } else {
      current = 0;
    }
  }
  return longest;
}
