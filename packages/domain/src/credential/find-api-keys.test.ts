import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findApiKeys, redactApiKeys } from "./find-api-keys.ts";

const b64 = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
const part = (n: number) => fc.array(b64, { minLength: n, maxLength: n }).map((a) => a.join(""));
const key = fc.tuple(part(22), part(43)).map(([id, secret]) => `SG.${id}.${secret}`);
const separator = fc.constantFrom(" ", "\n", '"', "'", "=", ":", ",", "(", ")", "\t");
const prose = fc.string({ maxLength: 40 }).map((s) => s.replace(/SG\./g, "sg."));

describe("finding API keys in text", () => {
  it("finds every key set apart from its neighbours, wherever it stands", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(prose, separator, key, separator), { maxLength: 5 }),
        prose,
        (chunks, tail) => {
          const text = chunks.map(([p, a, k, b]) => `${p}${a}${k}${b}`).join("") + tail;
          expect(findApiKeys(text).map((f) => f.key)).toEqual(chunks.map(([, , k]) => k));
        },
      ),
    );
  });

  it("does not take a key-shaped run glued to other base64url characters", () => {
    fc.assert(
      fc.property(key, b64, (k, c) => {
        expect(findApiKeys(`${c}${k}`)).toEqual([]);
        expect(findApiKeys(`${k}${c}`)).toEqual([]);
      }),
    );
    const id = "a".repeat(22);
    expect(findApiKeys(`SG.${"a".repeat(21)}.${"b".repeat(43)}`)).toEqual([]);
    expect(findApiKeys(`SG.${id}.${"b".repeat(42)} `)).toEqual([]);
  });

  it("redacts the secret part and keeps the rest of the text as it was", () => {
    fc.assert(
      fc.property(prose, key, prose, (before, k, after) => {
        const text = `${before} ${k} ${after}`;
        const redacted = redactApiKeys(text);
        expect(redacted.found).toEqual([k]);
        expect(redacted.text).toBe(`${before} ${k.slice(0, 25)}.[redacted] ${after}`);
        expect(redacted.text).not.toContain(k.slice(26));
      }),
    );
  });
});
