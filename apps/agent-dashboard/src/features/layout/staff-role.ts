const STAFF_ROLE_LABELS: Record<string, string> = {
  agent: "Agent",
  lead: "Lead",
  admin: "Admin",
  fraud_analyst: "Fraud analyst",
  security_analyst: "Security analyst",
};

export function staffRoleLabel(role: string): string {
  return STAFF_ROLE_LABELS[role] ?? role;
}
