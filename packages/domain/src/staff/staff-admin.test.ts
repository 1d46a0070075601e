import { describe, expect, it } from "vitest";
import { InviteStaffMemberInput, lastAdminRefusal, staffStatusOf } from "./staff-admin.ts";

describe("lastAdminRefusal", () => {
  const admin = { name: "Ada", role: "admin" as const, disabled: false };
  it("refuses to demote or deactivate the only active admin", () => {
    expect(lastAdminRefusal(admin, { role: "lead", disabled: false }, 1)).toMatch(
      /Ada is the last active admin/,
    );
    expect(lastAdminRefusal(admin, { role: "admin", disabled: true }, 1)).toMatch(/last active admin/);
  });
  it("allows it when another admin remains, and for anyone who is not an active admin", () => {
    expect(lastAdminRefusal(admin, { role: "lead", disabled: false }, 2)).toBeNull();
    expect(lastAdminRefusal({ ...admin, role: "agent" }, { role: "lead", disabled: false }, 1)).toBeNull();
    expect(lastAdminRefusal({ ...admin, disabled: true }, { role: "agent", disabled: true }, 1)).toBeNull();
    expect(lastAdminRefusal(admin, { role: "admin", disabled: false }, 1)).toBeNull();
  });
});

describe("staff status and input", () => {
  it("says deactivated before 2FA pending", () => {
    expect(staffStatusOf({ disabledAt: new Date(), totpEnabledAt: null })).toBe("deactivated");
    expect(staffStatusOf({ disabledAt: null, totpEnabledAt: null })).toBe("totp_pending");
    expect(staffStatusOf({ disabledAt: null, totpEnabledAt: new Date() })).toBe("active");
  });
  it("lower-cases the address and refuses an unknown role", () => {
    expect(InviteStaffMemberInput.parse({ email: "New@Trustdesk.TEST", role: "agent" }).email).toBe(
      "new@trustdesk.test",
    );
    expect(InviteStaffMemberInput.safeParse({ email: "a@b.test", role: "owner" }).success).toBe(false);
  });
});
