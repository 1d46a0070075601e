import { VETTING_RULE_LABELS, type VettingRuleId } from "@trustdesk/domain";
import { DataTable, EmptyState } from "@trustdesk/ui";

export interface FiredRule {
  rule: string;
  weight: number;
  agentDetail: string;
}

function isFiredRule(value: unknown): value is FiredRule {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.rule === "string" && typeof r.weight === "number" && typeof r.agentDetail === "string";
}

/** A vetting decision's stored `fired_rules` (JSON) as typed rows; anything else is left out. */
export function firedRulesOf(json: unknown): FiredRule[] {
  return Array.isArray(json) ? json.filter(isFiredRule) : [];
}

/** The rule's name for people (the domain's labels); an id the code no longer knows, in words. */
export function ruleName(rule: string): string {
  if (rule in VETTING_RULE_LABELS) return VETTING_RULE_LABELS[rule as VettingRuleId];
  const words = rule.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The rules that fired, heaviest first, with their weights and what the policy saw. */
export function FiredRulesTable({ rules, caption }: { rules: readonly FiredRule[]; caption: string }) {
  if (rules.length === 0) {
    return (
      <EmptyState
        headingLevel={4}
        compact
        icon="check-circle"
        title="No rule fired"
        description="Nothing in this sign-up matched a vetting rule."
      />
    );
  }
  return (
    <DataTable
      caption={caption}
      captionHidden
      dense
      className="fired-rules"
      rows={[...rules].sort((a, b) => b.weight - a.weight)}
      rowKey={(r) => r.rule}
      columns={[
        {
          key: "rule",
          header: "Rule",
          rowHeader: true,
          cell: (r) => ruleName(r.rule),
        },
        {
          key: "weight",
          header: "Weight",
          numeric: true,
          cell: (r) => <span className="rule-weight">+{r.weight}</span>,
        },
        { key: "detail", header: "What the policy saw", cell: (r) => r.agentDetail },
      ]}
    />
  );
}
