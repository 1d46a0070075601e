import { describe, expect, it } from "vitest";
import { emailDomainListSizes, isDisposableEmailDomain, isFreeMailDomain } from "../../src/index.ts";

describe("the disposable and free-mail domain lists", () => {
  it("loads both lists", () => {
    const sizes = emailDomainListSizes();
    expect(sizes.disposable).toBeGreaterThan(8_000);
    expect(sizes.freeMail).toBeGreaterThan(4_000);
  });

  it("knows the well-known throwaway services, and their sub-domains, case-insensitively", () => {
    for (const d of [
      "mailinator.com",
      "guerrillamail.com",
      "yopmail.com",
      "10minutemail.com",
      "inbox.MAILINATOR.com",
    ]) {
      expect(isDisposableEmailDomain(d), d).toBe(true);
    }
  });

  it("never calls the big providers or an ordinary company domain disposable", () => {
    for (const d of [
      "gmail.com",
      "outlook.com",
      "proton.me",
      "icloud.com",
      "yahoo.com",
      "acme.com",
      "example.com",
    ]) {
      expect(isDisposableEmailDomain(d), d).toBe(false);
    }
  });

  it("knows the free-mail providers, including ones newer than the freemail list", () => {
    for (const d of [
      "gmail.com",
      "outlook.com",
      "hotmail.com",
      "yahoo.com",
      "gmx.de",
      "proton.me",
      "pm.me",
      "tuta.io",
    ]) {
      expect(isFreeMailDomain(d), d).toBe(true);
    }
    for (const d of ["acme.com", "example.com", "mailinator.com", "com", "not: found"]) {
      expect(isFreeMailDomain(d), d).toBe(false);
    }
  });
});
