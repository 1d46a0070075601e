import {
  describeRuleParameters,
  VETTING_RULE_DESCRIPTIONS,
  VETTING_RULE_LABELS,
  type VettingRule,
} from "@trustdesk/domain";
import { Badge, CellText, DataTable } from "@trustdesk/ui";

/** A version's rules as people read them: name, what it checks, weight, parameters, on or off. */
export function PolicyRulesTable({ rules, caption }: { rules: readonly VettingRule[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      captionHidden
      className="policy-rules"
      rows={rules}
      rowKey={(r) => r.id}
      rowClassName={(r) => (r.enabled ? undefined : "policy-rules__off")}
      columns={[
        {
          key: "rule",
          header: "Rule",
          rowHeader: true,
          cell: (r) => (
            <CellText secondary={VETTING_RULE_DESCRIPTIONS[r.id]}>{VETTING_RULE_LABELS[r.id]}</CellText>
          ),
        },
        {
          key: "weight",
          header: "Weight",
          numeric: true,
          cell: (r) => <span className="rule-weight">+{r.weight}</span>,
        },
        { key: "parameters", header: "Parameters", cell: (r) => describeRuleParameters(r) ?? "—" },
        {
          key: "enabled",
          header: "Status",
          nowrap: true,
          cell: (r) =>
            r.enabled ? <Badge tone="success">On</Badge> : <Badge tone="neutral">Off (not evaluated)</Badge>,
        },
      ]}
    />
  );
}
