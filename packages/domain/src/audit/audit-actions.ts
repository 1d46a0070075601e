/**
 * Every action string the services write to the audit log (`recordAudit`), in words people read.
 * Grouped by what it is about, so the audit log's action filter can list them in sections. An action
 * missing here (a new one, or one from an older release) still reads sensibly: see `auditActionLabel`.
 */
export const AUDIT_ACTION_GROUPS = {
  account: {
    label: "Accounts",
    actions: {
      "account.signed_up": "Account signed up",
      "account.compromise_reported": "Compromise reported",
    },
  },
  account_user: {
    label: "Account users",
    actions: {
      "account_user.invited": "User invited",
      "account_user.invitation_revoked": "Invitation revoked",
      "account_user.joined": "Invited user joined",
      "account_user.role_changed": "User's role changed",
      "account_user.removed": "User removed",
    },
  },
  api_key: {
    label: "API keys",
    actions: {
      "api_key.created": "API key created",
      "api_key.revoked": "API key revoked",
    },
  },
  auth: {
    label: "Sign-in and security",
    actions: {
      "auth.signed_in": "Signed in",
      "auth.password_verified": "Password verified (second step owed)",
      "auth.signed_out": "Signed out",
      "auth.sign_in_failed": "Sign-in failed",
      "auth.sign_in_refused": "Sign-in refused",
      "auth.locked_out": "Sign-in paused after failures",
      "auth.password_changed": "Password changed",
      "auth.password_reset": "Password reset",
      "auth.password_reset_requested": "Password reset requested",
      "auth.password_set_in_recovery": "Password set in takeover recovery",
      "auth.sign_in_diverted_to_recovery": "Sign-in sent to takeover recovery",
      "auth.sign_up_link_sent": "Sign-up link sent",
      "auth.sign_up_for_existing_account": "Sign-up tried with an existing address",
      "auth.takeover_recovery_code_sent": "Takeover recovery code sent",
      "auth.takeover_recovery_code_rejected": "Takeover recovery code rejected",
      "auth.takeover_recovery_signed_in": "Signed in for takeover recovery",
      "auth.totp_enrolment_started": "Two-step verification set-up started",
      "auth.totp_replaced_in_recovery": "Two-step verification replaced in recovery",
      "auth.totp_enabled": "Two-step verification turned on",
      "auth.totp_disabled": "Two-step verification turned off",
    },
  },
  case: {
    label: "Cases",
    actions: {
      "case.opened": "Case opened",
      "case.extended": "Case extended",
      "case.resolved": "Case resolved",
    },
  },
  credential_exposure: {
    label: "Exposed keys",
    actions: {
      "credential_exposure.recorded": "Key exposure recorded",
    },
  },
  enforcement: {
    label: "Enforcements",
    actions: {
      "enforcement.created": "Enforcement applied",
      "enforcement.lift_requested": "Lift requested",
      "enforcement.lift_request_withdrawn": "Lift request withdrawn",
      "enforcement.lift_declined": "Lift request declined",
      "enforcement.lifted": "Enforcement lifted",
    },
  },
  service_token: {
    label: "Service tokens",
    actions: {
      "service_token.created": "Service token created",
      "service_token.revoked": "Service token revoked",
    },
  },
  session: {
    label: "Sessions",
    actions: {
      "session.revoked": "Session ended",
    },
  },
  ticket: {
    label: "Tickets",
    actions: {
      "ticket.opened": "Ticket opened",
      "ticket.customer_replied": "Customer replied",
      "ticket.replied": "Replied to the customer",
      "ticket.note_added": "Internal note added",
      "ticket.status_changed": "Ticket status changed",
      "ticket.assigned": "Ticket assigned",
      "ticket.triaged": "Priority or tags changed",
      "ticket.merged": "Tickets merged",
      "ticket.solved_by_customer": "Marked solved by the customer",
      "ticket.closed_automatically": "Closed automatically",
      "ticket.remediation_confirmed": "Customer confirmed the clean-up",
    },
  },
  vetting: {
    label: "Sign-up vetting",
    actions: {
      "vetting.decided": "Sign-up vetting decided",
    },
  },
} as const satisfies Record<string, { label: string; actions: Record<string, string> }>;

const LABELS: ReadonlyMap<string, string> = new Map(
  Object.values(AUDIT_ACTION_GROUPS).flatMap((g) => Object.entries(g.actions)),
);

/** Every catalogued action string, for validating the audit log's action filter. */
export const AUDIT_ACTIONS: readonly string[] = [...LABELS.keys()];

export function isKnownAuditAction(action: string): boolean {
  return LABELS.has(action);
}

/**
 * The action in words. An action not (yet) in the catalogue is made readable from its code —
 * "widget.colour_changed" reads "Widget: colour changed" — never shown as a blank or an error.
 */
export function auditActionLabel(action: string): string {
  const known = LABELS.get(action);
  if (known) return known;
  const [subject, ...rest] = action.split(".");
  const words = (s: string) => s.replaceAll("_", " ").trim();
  const verb = words(rest.join(" "));
  const head = words(subject ?? "");
  const sentence = verb ? `${head}: ${verb}` : head;
  return sentence ? sentence.charAt(0).toUpperCase() + sentence.slice(1) : "Unnamed action";
}

/** Internal services that act under their own name (not a service token). */
const INTERNAL_SERVICES: Record<string, string> = {
  vetting: "Sign-up vetting",
  "demo-seed": "Demo data",
};

/**
 * An audit event's actor as people read it. The service resolves the name and role with SQL joins;
 * this only words it: "Ada Lovelace (lead)", "Grace Hopper (customer, admin)", "Service token
 * “fraud-detector”", "Sign-up vetting", "System". Never an id.
 */
export type AuditActorView =
  | { type: "staff"; name: string | null; role: string | null }
  | { type: "customer"; name: string | null; role: string | null; accountName: string | null }
  | { type: "service"; name: string | null; isToken: boolean }
  | { type: "system" };

export function auditActorLabel(actor: AuditActorView): string {
  switch (actor.type) {
    case "staff":
      return actor.name
        ? `${actor.name}${actor.role ? ` (${actor.role.replaceAll("_", " ")})` : ""}`
        : "A former staff member";
    case "customer":
      return actor.name
        ? `${actor.name} (customer${actor.role ? `, ${actor.role}` : ""}${actor.accountName ? ` of ${actor.accountName}` : ""})`
        : "A customer user";
    case "service":
      if (!actor.name) return "An internal service";
      if (actor.isToken) return `Service token “${actor.name}”`;
      return INTERNAL_SERVICES[actor.name] ?? `Service “${actor.name}”`;
    case "system":
      return "System";
  }
}
