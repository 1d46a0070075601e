import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "../errors/field-errors.ts";
import {
  BROKEN_CHARACTER_MESSAGE,
  CONTROL_CHARACTERS_MESSAGE,
  hasControlCharacter,
  isoDay,
  isoTimestamp,
  SINGLE_LINE_MESSAGE,
  safeText,
} from "./safe-text.ts";

const line = safeText({ min: 3, max: 20, tooShort: "too short", tooLong: "too long" });
const text = safeText({ min: 1, max: 200, multiline: true });

const messageOf = (result: { error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues.map((i) => i.message);

describe("safeText", () => {
  it("trims and keeps ordinary text, accents, emoji and other scripts", () => {
    expect(line.parse("  Invoice missing  ")).toBe("Invoice missing");
    expect(text.parse("Grüße 👋 — 你好\n\tindented")).toBe("Grüße 👋 — 你好\n\tindented");
  });

  it("refuses NUL and every other C0, DEL and C1 control character, with one human message", () => {
    for (const c of [
      "\u0000",
      "\u0001",
      "\u0008",
      "\u000b",
      "\u000c",
      "\u001b",
      "\u001f",
      "\u007f",
      "\u0085",
      "\u009f",
    ]) {
      expect(messageOf(line.safeParse(`ab${c}cd`))).toEqual([SINGLE_LINE_MESSAGE]);
      expect(messageOf(text.safeParse(`ab${c}cd`))).toEqual([CONTROL_CHARACTERS_MESSAGE]);
    }
  });

  it("keeps line feeds and tabs only in multi-line text, and stores one line ending", () => {
    expect(text.parse("one\r\ntwo\rthree\n")).toBe("one\ntwo\nthree");
    expect(messageOf(line.safeParse("one\ntwo"))).toEqual([SINGLE_LINE_MESSAGE]);
    expect(messageOf(line.safeParse("one\ttwo"))).toEqual([SINGLE_LINE_MESSAGE]);
    // Surrounding whitespace is trimmed before the check, so a pasted trailing newline is harmless.
    expect(line.parse("subject\r\n")).toBe("subject");
  });

  it("refuses lone surrogates (high or low) but keeps surrogate pairs", () => {
    expect(messageOf(text.safeParse("bad \ud800 text"))).toEqual([BROKEN_CHARACTER_MESSAGE]);
    expect(messageOf(text.safeParse("bad \udfff"))).toEqual([BROKEN_CHARACTER_MESSAGE]);
    expect(messageOf(text.safeParse("\udc00\ud800"))).toEqual([BROKEN_CHARACTER_MESSAGE]);
    expect(text.parse("pair \ud83d\ude00")).toBe("pair 😀");
  });

  it("bounds the length after trimming, with the caller's messages", () => {
    expect(messageOf(line.safeParse("  ab  "))).toEqual(["too short"]);
    expect(messageOf(line.safeParse("x".repeat(21)))).toEqual(["too long"]);
    expect(line.parse(`  ${"x".repeat(20)}  `)).toHaveLength(20);
    expect(safeText({ max: 5 }).parse("")).toBe("");
  });

  it("says what is missing when the value is not a string", () => {
    expect(messageOf(safeText({ max: 5, required: "Enter a name" }).safeParse(undefined))).toEqual([
      "Enter a name",
    ]);
    expect(messageOf(safeText({ max: 5, required: "Enter a name" }).safeParse(42))).toEqual(["Enter a name"]);
  });

  it("never lets a string with a control character or a lone surrogate through (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        const r = text.safeParse(s);
        if (!r.success) return;
        expect(r.data.isWellFormed()).toBe(true);
        expect(hasControlCharacter(r.data, true)).toBe(false);
        expect(r.data.includes("\r")).toBe(false);
        expect(r.data).toBe(r.data.trim());
      }),
    );
  });
});

describe("isoTimestamp and isoDay", () => {
  const at = isoTimestamp();
  it("accept ISO 8601 with an offset in the years 2000–2100", () => {
    expect(at.parse("2026-01-31T12:00:00Z")).toBe("2026-01-31T12:00:00Z");
    expect(at.parse("2000-01-01T00:00:00.000+02:00")).toBe("2000-01-01T00:00:00.000+02:00");
    expect(at.parse("2100-12-31T23:59:59Z")).toBe("2100-12-31T23:59:59Z");
    expect(isoDay().parse("2026-02-28")).toBe("2026-02-28");
  });

  it("refuse year 0000 and other years out of range with one message", () => {
    for (const v of ["0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2101-01-01T00:00:00Z"]) {
      expect(messageOf(at.safeParse(v))).toEqual(["Use a date between the years 2000 and 2100"]);
    }
    expect(messageOf(isoDay().safeParse("0000-01-01"))).toEqual([
      "Use a date between the years 2000 and 2100",
    ]);
  });

  it("refuse malformed values, missing offsets and impossible days with the format message only", () => {
    for (const v of [
      "yesterday",
      "2026-01-31T12:00:00",
      "2026-02-30T00:00:00Z",
      "+275760-09-13T00:00:00Z",
      "",
    ]) {
      expect(messageOf(at.safeParse(v))).toEqual([
        "Use an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z",
      ]);
    }
    expect(messageOf(isoDay("bad day").safeParse("2026-13-01"))).toEqual(["bad day"]);
  });
});

describe("zodFieldErrors", () => {
  it("keys each field by its dot-joined path, the first message wins, `input` for the whole input", () => {
    expect(
      zodFieldErrors({
        issues: [
          { path: ["subject"], message: "first" },
          { path: ["subject"], message: "second" },
          { path: ["form", "sendingDomains", 1], message: "bad domain" },
          { path: [{ key: "signals" }, { key: 0 }], message: "bad signal" },
          { path: [], message: "not an object" },
        ],
      }),
    ).toEqual({
      subject: "first",
      "form.sendingDomains.1": "bad domain",
      "signals.0": "bad signal",
      input: "not an object",
    });
  });
});
