import { describe, expect, it } from "vitest";
import { macroForOutcome, macrosFor, renderMacro, TICKET_MACROS, unfilledPlaceholders } from "./macros.ts";
import { TicketCategory } from "./ticket.ts";

describe("renderMacro", () => {
  const context = {
    customer: { name: "Ada Lovelace" },
    case: { number: "CASE-1042" },
    account: { name: "Northwind" },
    enforcement: { unmet: ["Change your password", "Turn on two-step verification"] },
  };

  it("fills every placeholder, the unmet requirements one per line", () => {
    const text = renderMacro(
      "Hi {{customer.name}}, case {{ case.number }} of {{account.name}}:\n{{enforcement.unmet}}",
      context,
    );
    expect(text).toBe(
      "Hi Ada Lovelace, case CASE-1042 of Northwind:\n- Change your password\n- Turn on two-step verification",
    );
    expect(unfilledPlaceholders(text)).toEqual([]);
  });

  it("leaves a placeholder without a value (or an unknown one) for the agent to fill", () => {
    const text = renderMacro("Case {{case.number}}, {{case.number}}, {{ticket.owner}} for {{account.name}}", {
      account: { name: "Acme" },
      case: { number: "  " },
    });
    expect(text).toBe("Case {{case.number}}, {{case.number}}, {{ticket.owner}} for Acme");
    expect(unfilledPlaceholders(text)).toEqual(["case.number", "ticket.owner"]);
  });

  it("says so when every requirement is met, and leaves the list unfilled without an enforcement", () => {
    expect(renderMacro("{{enforcement.unmet}}", { enforcement: { unmet: [] } })).toBe(
      "- Nothing more: every requirement is met.",
    );
    expect(renderMacro("{{enforcement.unmet}}", { enforcement: null })).toBe("{{enforcement.unmet}}");
  });

  it("never interprets the values it inserts", () => {
    expect(
      renderMacro("{{customer.name}} / {{account.name}}", {
        customer: { name: "{{account.name}} $& $1" },
        account: { name: "Acme" },
      }),
    ).toBe("{{account.name}} $& $1 / Acme");
  });
});

describe("the macro catalogue", () => {
  it("offers every category its own macros and the shared ones, with unique ids", () => {
    for (const category of TicketCategory.options) {
      const offered = macrosFor(category);
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.every((m) => m.categories.includes(category))).toBe(true);
      expect(offered.at(-1)?.id).toBe("anything-else");
    }
    expect(new Set(TICKET_MACROS.map((m) => m.id)).size).toBe(TICKET_MACROS.length);
  });

  it("uses only the placeholders it documents", () => {
    const known = ["customer.name", "case.number", "account.name", "enforcement.unmet"];
    for (const macro of TICKET_MACROS) {
      for (const name of unfilledPlaceholders(macro.body)) expect(known).toContain(name);
    }
  });

  it("answers an outcome with the category's own macro, else the general one, and solves", () => {
    expect(macroForOutcome("exposed_credentials", "enforcement_lifted")?.id).toBe("exposure-lifted");
    expect(macroForOutcome("other", "enforcement_lifted")?.id).toBe("restriction-lifted");
    expect(macroForOutcome("signup_vetting", "vetting_rejected")?.status).toBe("solved");
    expect(macroForOutcome("account_takeover", "lift_requested")?.status).toBe("on_hold");
    expect(macroForOutcome("other", "vetting_approved")).toBeNull();
  });
});
