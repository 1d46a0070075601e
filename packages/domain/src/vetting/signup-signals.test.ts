import { describe, expect, it } from "vitest";
import { SignupSignals, splitEmailAddress, websiteHost } from "./signup-signals.ts";

describe("sign-up signal helpers", () => {
  it("splits an address at its last @, lower-cased", () => {
    expect(splitEmailAddress(" Jane.Doe@Acme.COM ")).toEqual({ localPart: "jane.doe", domain: "acme.com" });
    expect(splitEmailAddress('"a@b"@acme.com')).toEqual({ localPart: '"a@b"', domain: "acme.com" });
  });
  it("takes the host of a website", () => {
    expect(websiteHost("https://WWW.Acme.com/about?x=1")).toBe("www.acme.com");
    expect(websiteHost(undefined)).toBeNull();
    expect(websiteHost("not a url")).toBeNull();
  });
  it("validates stored signals strictly", () => {
    const signals = {
      emailDomain: "acme.com",
      emailLocalPart: "jane",
      isDisposableDomain: false,
      isFreeMailDomain: false,
      dns: { status: "timeout", hasMx: false, hasA: false },
      signupsLast24h: { sameIp: 0, sameEmailDomain: 0, sameDevice: null },
      country: null,
      name: "Jane",
      company: "Acme",
      website: null,
    };
    expect(SignupSignals.parse(signals)).toEqual(signals);
    expect(SignupSignals.safeParse({ ...signals, dns: { ...signals.dns, status: "slow" } }).success).toBe(
      false,
    );
    expect(SignupSignals.safeParse({ ...signals, country: "de" }).success).toBe(false);
  });
});
