import { findApiKeys } from "@trustdesk/domain";
import { describe, expect, it } from "vitest";
import { type KeyHit, KeyScanner, SCAN_CARRY_BYTES } from "./key-scanner.ts";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** A small seeded generator: every run tries the same inputs, and a failure names its seed. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}
const part = (r: (n: number) => number, n: number) =>
  Array.from({ length: n }, () => B64[r(B64.length)]).join("");
const key = (r: (n: number) => number) => `SG.${part(r, 22)}.${part(r, 43)}`;

function scan(text: string, bufferBytes: number, writeBytes: number, countLines = true): KeyHit[] {
  const hits: KeyHit[] = [];
  const scanner = new KeyScanner((h) => hits.push(h), bufferBytes, countLines);
  const bytes = Buffer.from(text, "latin1");
  for (let at = 0; at < bytes.length; at += writeBytes) scanner.write(bytes.subarray(at, at + writeBytes));
  scanner.end();
  return hits;
}

/** Code-like text with keys and near misses at random places (the near misses must never match). */
function corpus(seed: number) {
  const r = rng(seed);
  const planted: string[] = [];
  let text = "";
  const fillers = ["const x = 1;\n", "SGx.", "sg.", "S", "G.", "SG", "SG.", " ", "\n", "'", "=", "apiKey: "];
  while (text.length < 3000) {
    const pick = r(12);
    if (pick < 3) {
      const k = key(r);
      planted.push(k);
      text += `${[" ", "\n", '"', "'", "=", "("][r(6)]}${k}${[" ", "\n", '"', "'", ";", ")"][r(6)]}`;
    } else if (pick < 6) {
      const k = key(r);
      const misses = [
        `a${k} `, // glued before
        ` ${k}Z`, // glued after
        ` _${k} `,
        ` ${k}- `,
        ` SG.${part(r, 21)}.${part(r, 43)} `, // id one short
        ` SG.${part(r, 23)}.${part(r, 43)} `, // id one long
        ` SG.${part(r, 22)}.${part(r, 42)} `, // secret one short
        ` SG.${part(r, 22)}.${part(r, 44)} `, // secret one long
        ` SG-${part(r, 22)}.${part(r, 43)} `, // wrong separators
        ` SG.${part(r, 22)}:${part(r, 43)} `,
        ` SG.${part(r, 22)}.${part(r, 20)}+${part(r, 22)} `, // base64 (not url) character inside
      ];
      text += misses[r(misses.length)];
    } else {
      text += fillers[r(fillers.length)];
    }
  }
  return { text, planted };
}

describe("the streaming key scanner", () => {
  it("finds exactly the planted keys, once each, whatever the buffer size and however the input is cut", () => {
    for (let seed = 1; seed <= 12; seed += 1) {
      const { text, planted } = corpus(seed);
      const expected = findApiKeys(text);
      expect(
        expected.map((f) => f.key),
        `seed ${seed}`,
      ).toEqual(planted);
      for (const bufferBytes of [4 * SCAN_CARRY_BYTES, 331, 1024, 1 << 16]) {
        for (const writeBytes of [1, 2, 3, 7, 68, 69, 70, 71, 139, 500, 4096]) {
          const hits = scan(text, bufferBytes, writeBytes);
          expect(
            hits.map((h) => [h.key, h.offset]),
            `seed ${seed}, buffer ${bufferBytes}, writes of ${writeBytes}`,
          ).toEqual(expected.map((f) => [f.key, f.index]));
        }
      }
    }
  });

  it("puts every key exactly across each possible split of the buffer and still finds it once", () => {
    const r = rng(99);
    const k = key(r);
    const bufferBytes = 4 * SCAN_CARRY_BYTES;
    for (let pad = 0; pad < 2 * bufferBytes; pad += 1) {
      const text = `${"x ".repeat(pad).slice(0, pad)}\n${k}\n`.padEnd(pad + 80, "-");
      // A trailing "-" is glued to the key only when it directly follows it; here a newline does.
      const hits = scan(text, bufferBytes, bufferBytes);
      expect(
        hits.map((h) => h.key),
        `pad ${pad}`,
      ).toEqual([k]);
      expect(hits[0]?.offset).toBe(pad + 1);
      expect(hits[0]?.line).toBe(2);
    }
  });

  it("decides at the ends of the document: a key at the very start or end counts, one cut short does not", () => {
    const r = rng(7);
    const k = key(r);
    expect(scan(k, 4 * SCAN_CARRY_BYTES, 1).map((h) => h.key)).toEqual([k]);
    expect(scan(`${k}\n${k}`, 4 * SCAN_CARRY_BYTES, 5).map((h) => h.line)).toEqual([1, 2]);
    expect(scan(k.slice(0, -1), 4 * SCAN_CARRY_BYTES, 1)).toEqual([]);
    // Glued across a write boundary: the byte after arrives in the next write.
    expect(scan(`${k}x`, 4 * SCAN_CARRY_BYTES, k.length)).toEqual([]);
  });

  it("starts each document afresh: a key glued to the end of the previous document is not glued", () => {
    const r = rng(3);
    const k = key(r);
    const hits: KeyHit[] = [];
    const scanner = new KeyScanner((h) => hits.push(h), 4 * SCAN_CARRY_BYTES);
    scanner.write(Buffer.from("abc"));
    scanner.end();
    scanner.write(Buffer.from(`${k}\n`));
    scanner.end();
    expect(hits).toEqual([{ key: k, offset: 0, line: 1 }]);
    expect(scanner.bytesScanned).toBe(3 + k.length + 1);
  });

  it("counts lines only when asked (0 otherwise: the caller finds the rare line afterwards)", () => {
    const r = rng(5);
    const k = key(r);
    expect(scan(`a\nb\n${k}`, 4 * SCAN_CARRY_BYTES, 2, false)).toEqual([{ key: k, offset: 4, line: 0 }]);
  });
});
