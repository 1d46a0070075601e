import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { API_KEY_LENGTH, apiKeyDisplayPrefix, parseApiKey } from "./api-key.ts";

const b64url = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
const part = (n: number) => fc.array(b64url, { minLength: n, maxLength: n }).map((a) => a.join(""));

describe("API key format", () => {
  it("parses every well-formed key into its id and secret", () => {
    fc.assert(
      fc.property(part(22), part(43), (id, secret) => {
        const key = `SG.${id}.${secret}`;
        expect(key).toHaveLength(API_KEY_LENGTH);
        expect(parseApiKey(key)).toEqual({ keyId: id, secret });
      }),
    );
  });
  it("refuses wrong lengths and foreign characters", () => {
    expect(parseApiKey(`SG.${"a".repeat(21)}.${"b".repeat(43)}`)).toBeNull();
    expect(parseApiKey(`SG.${"a".repeat(22)}.${"b".repeat(44)}`)).toBeNull();
    expect(parseApiKey(`SG.${"a".repeat(22)}.${"b".repeat(42)}+`)).toBeNull();
    expect(parseApiKey(`sg.${"a".repeat(22)}.${"b".repeat(43)}`)).toBeNull();
  });
  it("shows only the public prefix", () => {
    expect(apiKeyDisplayPrefix("abc")).toBe("SG.abc");
  });
});
