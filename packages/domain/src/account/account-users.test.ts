import { describe, expect, it } from "vitest";
import {
  AcceptInvitationInput,
  InviteAccountUserInput,
  invitationRefusal,
  removalRefusal,
  roleChangeRefusal,
} from "./account-users.ts";

const owner = { userId: "o", role: "owner" as const };
const admin = { userId: "a", role: "admin" as const };
const member = { userId: "m", role: "member" as const };
const target = (id: string, role: "owner" | "admin" | "member") => ({ id, role });

describe("who may change whose role", () => {
  it("lets the owner make and unmake admins", () => {
    expect(roleChangeRefusal(owner, target("m", "member"), "admin")).toBeNull();
    expect(roleChangeRefusal(owner, target("a", "admin"), "member")).toBeNull();
  });
  it("never changes the owner's role or one's own", () => {
    expect(roleChangeRefusal(admin, target("o", "owner"), "member")).toMatch(/owner's role/);
    expect(roleChangeRefusal(owner, target("o", "owner"), "admin")).toMatch(/owner's role/);
    expect(roleChangeRefusal(admin, target("a", "admin"), "member")).toMatch(/your own role/);
  });
  it("keeps admins from making or unmaking admins, and members from everything", () => {
    expect(roleChangeRefusal(admin, target("m", "member"), "admin")).toMatch(/Only the account's owner/);
    expect(roleChangeRefusal(admin, target("a2", "admin"), "member")).toMatch(/Only the account's owner/);
    expect(roleChangeRefusal(member, target("m2", "member"), "member")).toMatch(/owner or an admin/);
  });
});

describe("who may remove whom and invite what", () => {
  it("protects the owner and oneself; only the owner removes admins", () => {
    expect(removalRefusal(owner, target("o", "owner"))).toMatch(/owner can't be removed/);
    expect(removalRefusal(admin, target("a", "admin"))).toMatch(/remove yourself/);
    expect(removalRefusal(admin, target("a2", "admin"))).toMatch(/Only the account's owner/);
    expect(removalRefusal(admin, target("m", "member"))).toBeNull();
    expect(removalRefusal(owner, target("a", "admin"))).toBeNull();
    expect(removalRefusal(member, target("m2", "member"))).not.toBeNull();
  });
  it("lets only the owner invite admins", () => {
    expect(invitationRefusal(owner, "admin")).toBeNull();
    expect(invitationRefusal(admin, "member")).toBeNull();
    expect(invitationRefusal(admin, "admin")).not.toBeNull();
    expect(invitationRefusal(member, "member")).not.toBeNull();
  });
});

describe("inputs", () => {
  it("normalises the email and refuses the owner role", () => {
    expect(InviteAccountUserInput.parse({ email: " Mia@Example.COM ", role: "member" })).toEqual({
      email: "mia@example.com",
      role: "member",
    });
    expect(InviteAccountUserInput.safeParse({ email: "mia@example.com", role: "owner" }).success).toBe(false);
  });
  it("accepts only a well-formed token with a name and a policy-compliant password", () => {
    const good = { token: "A".repeat(43), name: "Mia", password: "a-long-enough-password" };
    expect(AcceptInvitationInput.safeParse(good).success).toBe(true);
    expect(AcceptInvitationInput.safeParse({ ...good, token: "short" }).success).toBe(false);
    expect(AcceptInvitationInput.safeParse({ ...good, password: "short" }).success).toBe(false);
    expect(AcceptInvitationInput.safeParse({ ...good, name: "  " }).success).toBe(false);
  });
});
