import { describe, expect, it } from "vitest";
import {
  customerVisibleStatus,
  statusAfterCustomerReply,
  statusAfterStaffAction,
} from "./ticket-workflow.ts";

describe("ticket workflow", () => {
  it("reopens a solved ticket and hands a pending one back to the team when the customer replies", () => {
    expect(statusAfterCustomerReply("solved")).toEqual({ ok: true, status: "open" });
    expect(statusAfterCustomerReply("pending_customer")).toEqual({ ok: true, status: "open" });
    expect(statusAfterCustomerReply("on_hold")).toEqual({ ok: true, status: "on_hold" });
    expect(statusAfterCustomerReply("new")).toEqual({ ok: true, status: "new" });
    expect(statusAfterCustomerReply("closed").ok).toBe(false);
  });

  it("lets agents move along the machine only, and a new ticket becomes at least open", () => {
    expect(statusAfterStaffAction("new", null)).toEqual({ ok: true, status: "open" });
    expect(statusAfterStaffAction("open", "pending_customer")).toEqual({
      ok: true,
      status: "pending_customer",
    });
    expect(statusAfterStaffAction("solved", "closed")).toEqual({ ok: true, status: "closed" });
    expect(statusAfterStaffAction("open", "new").ok).toBe(false);
    expect(statusAfterStaffAction("closed", "open").ok).toBe(false);
    expect(statusAfterStaffAction("on_hold", "on_hold")).toEqual({ ok: true, status: "on_hold" });
  });

  it("shows on hold to the customer as open", () => {
    expect(customerVisibleStatus("on_hold")).toBe("open");
    expect(customerVisibleStatus("pending_customer")).toBe("pending_customer");
  });
});
