import { describe, expect, it } from "vitest";
import { CustomerSignUpInput, Email, Password, RecoveryCode } from "./credentials.ts";
import { STAFF_PERMISSIONS, staffCan } from "./staff-permissions.ts";

describe("credential schemas", () => {
  it("normalises email addresses and explains bad ones", () => {
    expect(Email.parse("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(Email.safeParse("nope").error?.issues[0]?.message).toBe("Enter a valid email address");
  });
  it("asks for long, uncommon, non-repetitive passwords", () => {
    expect(Password.safeParse("short").success).toBe(false);
    expect(Password.safeParse("password1234").success).toBe(false);
    expect(Password.safeParse("aaaaaaaaaaaaaaaa").success).toBe(false);
    expect(Password.safeParse("correct horse battery").success).toBe(true);
  });
  it("accepts recovery codes with or without the dash, in any case", () => {
    expect(RecoveryCode.parse("ABCDE-12345")).toBe("abcde12345");
    expect(RecoveryCode.safeParse("abc").success).toBe(false);
  });
  it("turns an empty website into none and refuses a non-web URL", () => {
    const base = { email: "a@b.co", password: "correct horse battery", name: "A", accountName: "B" };
    expect(CustomerSignUpInput.parse({ ...base, website: "" }).website).toBeUndefined();
    expect(CustomerSignUpInput.safeParse({ ...base, website: "javascript:alert(1)" }).success).toBe(false);
    expect(CustomerSignUpInput.parse({ ...base, website: "acme.example" }).website).toBe(
      "https://acme.example",
    );
    expect(CustomerSignUpInput.parse({ ...base, website: "http://acme.example/" }).website).toBe(
      "http://acme.example/",
    );
    expect(CustomerSignUpInput.safeParse({ ...base, website: "not a site" }).success).toBe(false);
  });
});

describe("staff permissions", () => {
  it("lets only leads approve the lift of an account-takeover enforcement", () => {
    expect(STAFF_PERMISSIONS["enforcement.approve_ato_lift"]).toEqual(["lead"]);
    expect(staffCan("agent", "enforcement.approve_ato_lift")).toBe(false);
    expect(staffCan("lead", "enforcement.approve_ato_lift")).toBe(true);
  });
});
