import type { TicketCategory, TicketStatus } from "./ticket.ts";

/**
 * Macros: the answers agents give again and again, per ticket category, with placeholders filled from
 * the ticket and the account's trust picture. An agent inserts one into the composer and edits it
 * before sending — a macro is a draft, never sent on its own.
 *
 * Placeholders: `{{customer.name}}`, `{{case.number}}`, `{{account.name}}` and `{{enforcement.unmet}}`
 * (the unmet requirements of the linked enforcement, in the customer's words, one per line).
 */

/** What an action in the trust picture achieved, so the matching answer can be offered. */
export type MacroOutcome = "enforcement_lifted" | "lift_requested" | "vetting_approved" | "vetting_rejected";

export interface TicketMacro {
  id: string;
  title: string;
  /** The categories it is offered for; a macro for every category lists them all. */
  categories: readonly TicketCategory[];
  /** The trust-picture outcome it answers, if any. */
  outcome?: MacroOutcome;
  /** The status it suggests with the reply. */
  status: Extract<TicketStatus, "open" | "pending_customer" | "on_hold" | "solved">;
  body: string;
}

const ALL: readonly TicketCategory[] = [
  "account_takeover",
  "signup_vetting",
  "dormant_account",
  "exposed_credentials",
  "other",
];

const SIGN_OFF = "\n\nBest regards,\nThe Consumer Trust team";

export const TICKET_MACROS: readonly TicketMacro[] = [
  {
    id: "ato-checklist",
    title: "Takeover: what is still needed",
    categories: ["account_takeover"],
    status: "pending_customer",
    body: `Hello {{customer.name}},\n\nThank you for contacting us about case {{case.number}}. We suspended {{account.name}} to protect it while we make sure only you control it. Before we can restore access, these steps are still open:\n\n{{enforcement.unmet}}\n\nOnce they are done, reply on this ticket and we will review the account at once.${SIGN_OFF}`,
  },
  {
    id: "ato-lift-requested",
    title: "Takeover: recovery done, second review under way",
    categories: ["account_takeover"],
    outcome: "lift_requested",
    status: "on_hold",
    body: `Hello {{customer.name}},\n\nThank you: the recovery steps for case {{case.number}} are complete. A second member of our team now reviews the account before sending and API access return to {{account.name}}. We will write again as soon as that is done.${SIGN_OFF}`,
  },
  {
    id: "ato-restored",
    title: "Takeover: access restored",
    categories: ["account_takeover"],
    outcome: "enforcement_lifted",
    status: "solved",
    body: `Hello {{customer.name}},\n\nGood news: the suspension of {{account.name}} is lifted and case {{case.number}} is resolved. Sending and API access work again. Please keep two-step verification on and review who has access to the account.${SIGN_OFF}`,
  },
  {
    id: "vetting-more-information",
    title: "Sign-up: tell us more about your business",
    categories: ["signup_vetting"],
    status: "pending_customer",
    body: `Hello {{customer.name}},\n\nThank you for signing up. Before {{account.name}} can send, we review new accounts to keep our network clean. Could you tell us what you will send, to whom, and how your recipients opted in? A link to your website's sign-up form helps too.${SIGN_OFF}`,
  },
  {
    id: "vetting-approved",
    title: "Sign-up: approved",
    categories: ["signup_vetting"],
    outcome: "vetting_approved",
    status: "solved",
    body: `Hello {{customer.name}},\n\nThank you for your patience: we reviewed {{account.name}} and approved it. You can send email and use the API now.${SIGN_OFF}`,
  },
  {
    id: "vetting-rejected",
    title: "Sign-up: not approved",
    categories: ["signup_vetting"],
    outcome: "vetting_rejected",
    status: "solved",
    body: `Hello {{customer.name}},\n\nThank you for your patience. We reviewed {{account.name}} and cannot approve it for sending at this time. If you believe this is a mistake, reply on this ticket with more about your business and how your recipients opted in, and we will look again.${SIGN_OFF}`,
  },
  {
    id: "dormant-still-needed",
    title: "Dormant: what is still needed",
    categories: ["dormant_account"],
    status: "pending_customer",
    body: `Hello {{customer.name}},\n\nThank you for asking to reactivate {{account.name}}. Before we can, these steps are still open:\n\n{{enforcement.unmet}}\n\nReply on this ticket once they are done.${SIGN_OFF}`,
  },
  {
    id: "dormant-reactivated",
    title: "Dormant: reactivated",
    categories: ["dormant_account"],
    outcome: "enforcement_lifted",
    status: "solved",
    body: `Hello {{customer.name}},\n\nWe reviewed your request and reactivated {{account.name}}: you can send again. Start with modest volumes and grow them steadily so mailbox providers get to know your sending again.${SIGN_OFF}`,
  },
  {
    id: "exposure-rotate",
    title: "Exposed key: rotate and confirm",
    categories: ["exposed_credentials"],
    status: "pending_customer",
    body: `Hello {{customer.name}},\n\nAn API key of {{account.name}} was found published (case {{case.number}}), so we revoked it to protect your account. To restore API access, please:\n\n{{enforcement.unmet}}\n\nThen reply on this ticket and we will lift the restriction.${SIGN_OFF}`,
  },
  {
    id: "exposure-lifted",
    title: "Exposed key: access restored",
    categories: ["exposed_credentials"],
    outcome: "enforcement_lifted",
    status: "solved",
    body: `Hello {{customer.name}},\n\nThank you for rotating the key. We lifted the restriction on {{account.name}} and closed case {{case.number}}: API access works again with your new key. Keep keys out of code repositories — an environment variable or a secrets manager is safer.${SIGN_OFF}`,
  },
  {
    id: "on-hold-specialists",
    title: "With our specialists",
    categories: ALL,
    status: "on_hold",
    body: `Hello {{customer.name}},\n\nThank you for your message. We passed your ticket to our specialist team, who are looking into it now. We will write again here as soon as we know more.${SIGN_OFF}`,
  },
  {
    id: "restriction-lifted",
    title: "Restriction lifted",
    categories: ALL,
    outcome: "enforcement_lifted",
    status: "solved",
    body: `Hello {{customer.name}},\n\nThe restriction on {{account.name}} is lifted: sending and API access work again. Thank you for your patience.${SIGN_OFF}`,
  },
  {
    id: "anything-else",
    title: "Anything else?",
    categories: ALL,
    status: "pending_customer",
    body: `Hello {{customer.name}},\n\nDid this solve your problem? If there is anything else we can do for {{account.name}}, reply on this ticket.${SIGN_OFF}`,
  },
];

/** The macros offered on a ticket of this category: its own first, then the ones for every category. */
export function macrosFor(category: TicketCategory): TicketMacro[] {
  const own = TICKET_MACROS.filter(
    (m) => m.categories.length < ALL.length && m.categories.includes(category),
  );
  const shared = TICKET_MACROS.filter((m) => m.categories.length === ALL.length);
  return [...own, ...shared];
}

/**
 * The answer to an outcome reached in the trust picture: the category's own macro for it, else the
 * general one (a lifted restriction on a ticket of another category still gets its answer).
 */
export function macroForOutcome(category: TicketCategory, outcome: MacroOutcome): TicketMacro | null {
  return macrosFor(category).find((m) => m.outcome === outcome) ?? null;
}

/** What the placeholders are filled with; a missing value leaves its placeholder for the agent. */
export interface MacroContext {
  customer?: { name?: string | null } | null;
  case?: { number?: string | null } | null;
  account?: { name?: string | null } | null;
  /** The linked enforcement's unmet requirements, in the customer's words. */
  enforcement?: { unmet?: readonly string[] | null } | null;
}

const PLACEHOLDER = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g;

function placeholderValue(name: string, context: MacroContext): string | null {
  const present = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  switch (name) {
    case "customer.name":
      return present(context.customer?.name);
    case "case.number":
      return present(context.case?.number);
    case "account.name":
      return present(context.account?.name);
    case "enforcement.unmet": {
      const unmet = context.enforcement?.unmet;
      if (!unmet) return null;
      return unmet.length === 0
        ? "- Nothing more: every requirement is met."
        : unmet.map((text) => `- ${text.trim()}`).join("\n");
    }
    default:
      return null;
  }
}

/**
 * Fills a macro's placeholders. Pure: the same template and context give the same text. A
 * placeholder without a value (or an unknown one) stays as written, so the agent sees what to fill
 * in — and `unfilledPlaceholders` keeps it from reaching a customer.
 */
export function renderMacro(template: string, context: MacroContext): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => placeholderValue(name, context) ?? whole);
}

/** The placeholders still in a text (e.g. `case.number`), in order of appearance, each once. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}
