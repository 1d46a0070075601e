import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessLocalPart, normalizeLocalPart } from "./local-part-heuristic.ts";

describe("assessLocalPart", () => {
  it("calls digit-only local parts numeric at any length, ignoring separators and a +tag", () => {
    expect(assessLocalPart("4155550123", 8).kind).toBe("numeric");
    expect(assessLocalPart("12", 8).kind).toBe("numeric");
    expect(assessLocalPart("2024.01.01+news", 8).kind).toBe("numeric");
  });
  it("calls generated-looking strings random, saying why", () => {
    expect(assessLocalPart("a8f3k2j9", 8)).toEqual({
      kind: "random",
      why: "letters and digits alternate 7 times",
    });
    expect(assessLocalPart("kqwpzmrtab", 8)).toEqual({ kind: "random", why: "8 consonants in a row" });
    expect(assessLocalPart("x7q9zz1b", 8).kind).toBe("random");
  });
  it("leaves ordinary addresses alone", () => {
    for (const local of [
      "jane.doe",
      "jean-pierre.dupont",
      "christopher",
      "john1985",
      "anna.k2",
      "mschmidt",
      "armstrong",
      "jschwarzkopf",
      "support",
      "newsletter+2024",
      "o_connor",
      "brynmawr",
    ]) {
      expect(assessLocalPart(local, 8), local).toEqual({ kind: null, why: null });
    }
  });
  it("never calls a short non-numeric local part random", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,7}$/), (local) => {
        const kind = assessLocalPart(local, 8).kind;
        return /^\d+$/.test(local) ? kind === "numeric" : kind === null;
      }),
    );
  });
  it("is blind to case, separators and +tags", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{1,20}$/),
        fc.stringMatching(/^[a-z0-9]{0,8}$/),
        (local, tag) => {
          const dotted = local.split("").join(".").toUpperCase();
          expect(assessLocalPart(`${dotted}+${tag}`, 8)).toEqual(assessLocalPart(local, 8));
        },
      ),
    );
  });
  it("normalises to lower case without the +tag and separators", () => {
    expect(normalizeLocalPart("Jane.Doe_x-y+promo")).toBe("janedoexy");
  });
});
