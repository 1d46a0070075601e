import { describe, expect, it } from "vitest";
import { nameCompanyWebsiteInconsistency } from "./name-consistency.ts";

describe("nameCompanyWebsiteInconsistency", () => {
  it("accepts a website that carries the company's name, its initials or the person's name", () => {
    expect(nameCompanyWebsiteInconsistency("Jane Doe", "Acme Widgets Ltd", "www.acmewidgets.io")).toBeNull();
    expect(nameCompanyWebsiteInconsistency("Jane Doe", "Acme Widgets Ltd", "shop.acme.co.uk")).toBeNull();
    expect(
      nameCompanyWebsiteInconsistency("Sam Lee", "International Business Machines", "ibm.com"),
    ).toBeNull();
    expect(nameCompanyWebsiteInconsistency("Jane Doe", "Freelance", "janedoe.dev")).toBeNull();
    expect(nameCompanyWebsiteInconsistency("Chloé Noël", "Café Noël SARL", "cafenoel.fr")).toBeNull();
    expect(nameCompanyWebsiteInconsistency("Ann Roe", "Widgets", "bestwidgets.com")).toBeNull();
  });
  it("flags a website unrelated to both the company and the person", () => {
    expect(nameCompanyWebsiteInconsistency("Jane Doe", "Acme Widgets Ltd", "cheap-pills.biz")).toBe(
      'the website cheap-pills.biz shares no word with the company "Acme Widgets Ltd" or the name "Jane Doe"',
    );
  });
  it("does not count legal forms as a match", () => {
    expect(nameCompanyWebsiteInconsistency("Jo Ng", "Zeta Group Ltd", "group-ltd.com")).not.toBeNull();
  });
  it("flags placeholder names and companies even without a website", () => {
    expect(nameCompanyWebsiteInconsistency("1234", "Acme", null)).toBe(
      "the name looks like placeholder text",
    );
    expect(nameCompanyWebsiteInconsistency("Jane Doe", "xxxx", null)).toBe(
      "the company name looks like placeholder text",
    );
    expect(nameCompanyWebsiteInconsistency("Jane Doe", "---", null)).not.toBeNull();
  });
  it("stays quiet without a website, and for names in scripts it cannot compare", () => {
    expect(nameCompanyWebsiteInconsistency("Jane Doe", "Acme", null)).toBeNull();
    expect(nameCompanyWebsiteInconsistency("山田太郎", "山田商事", "yamada-shoji.jp")).toBeNull();
    expect(nameCompanyWebsiteInconsistency("", "", "acme.com")).toBeNull();
  });
});
