import { describe, expect, it } from "vitest";
import { DomainName, domainCoreLabel, domainOwnLabels, domainsRelated } from "./domain-name.ts";

describe("DomainName", () => {
  it("normalises case, whitespace and a trailing dot", () => {
    expect(DomainName.parse("  Mail.Example.COM. ")).toBe("mail.example.com");
    expect(DomainName.parse("xn--bcher-kva.example")).toBe("xn--bcher-kva.example");
  });
  it("refuses what is not a host name, with a readable message", () => {
    for (const bad of [
      "localhost",
      "exa mple.com",
      "-acme.com",
      "acme-.com",
      "acme..com",
      "https://acme.com",
      "acme.c0m",
      "",
    ]) {
      const r = DomainName.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/domain name/i);
    }
    expect(DomainName.safeParse(`${"a".repeat(250)}.com`).error?.issues[0]?.message).toBe(
      "Domain names are at most 253 characters",
    );
  });
});

describe("domain core labels", () => {
  it("finds the label left of the (approximate) public suffix", () => {
    expect(domainCoreLabel("www.shop.acme.co.uk")).toBe("acme");
    expect(domainCoreLabel("acme.com")).toBe("acme");
    expect(domainCoreLabel("mail.acme.io")).toBe("acme");
    expect(domainCoreLabel("co.uk")).toBe("co");
    expect(domainOwnLabels("www.shop.acme.co.uk")).toEqual(["shop", "acme"]);
  });
  it("relates subdomains, other TLDs and contained brand names", () => {
    expect(domainsRelated("mail.acme.com", "acme.co.uk")).toBe(true);
    expect(domainsRelated("acme.com", "acmecorp.com")).toBe(true);
    expect(domainsRelated("abc.com", "abcdef.com")).toBe(false);
    expect(domainsRelated("acme.com", "zenith.com")).toBe(false);
  });
});
