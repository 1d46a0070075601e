import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DormantReactivationRequest } from "./dormant-reactivation-request.ts";

const good = {
  intendedUse: "Order confirmations and shipping notices for our web shop",
  expectedMonthlyVolume: 12000,
  sendingDomains: ["Shop.Acme.com", "acme.co.uk."],
};

const messages = (input: unknown) =>
  Object.fromEntries(
    (DormantReactivationRequest.safeParse(input).error?.issues ?? []).map((i) => [
      i.path.join("."),
      i.message,
    ]),
  );

describe("dormant reactivation request", () => {
  it("normalises the sending domains", () => {
    expect(DormantReactivationRequest.parse(good).sendingDomains).toEqual(["shop.acme.com", "acme.co.uk"]);
  });
  it("explains each problem in words a customer can act on", () => {
    expect(messages({ intendedUse: "emails", expectedMonthlyVolume: 0, sendingDomains: [] })).toEqual({
      intendedUse: "Tell us in a sentence or two what you will send and to whom (at least 20 characters)",
      expectedMonthlyVolume:
        "Enter how many emails you expect to send per month, as a whole number from 1 to 1,000,000,000",
      sendingDomains: "Add at least one domain you will send from, such as example.com",
    });
    expect(messages({ ...good, expectedMonthlyVolume: 10.5 })).toHaveProperty("expectedMonthlyVolume");
    expect(messages({ ...good, sendingDomains: ["not a domain"] })).toEqual({
      "sendingDomains.0": "Enter a domain name such as example.com (letters, digits, hyphens and dots only)",
    });
    expect(messages({ ...good, sendingDomains: ["acme.com", "ACME.com"] })).toEqual({
      sendingDomains: "List each sending domain only once",
    });
    expect(messages({ ...good, sendingDomains: Array.from({ length: 21 }, (_, i) => `d${i}.com`) })).toEqual({
      sendingDomains: "Add at most 20 sending domains",
    });
    expect(messages({ ...good, intendedUse: "x".repeat(2001) })).toEqual({
      intendedUse: "Keep the description under 2000 characters",
    });
  });
  it("accepts every volume from 1 to a billion and refuses the rest", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 2_000_000_000 }), (n) => {
        const ok = DormantReactivationRequest.safeParse({ ...good, expectedMonthlyVolume: n }).success;
        expect(ok).toBe(n >= 1 && n <= 1_000_000_000);
      }),
    );
  });
});
