import { useQueryClient } from "@tanstack/react-query";
import { useFormMutation } from "@trustdesk/client";
import {
  MAX_RULE_WEIGHT,
  parseVettingPolicy,
  VETTING_RULE_DESCRIPTIONS,
  VETTING_RULE_LABELS,
  type VettingRule,
} from "@trustdesk/domain";
import {
  Button,
  Card,
  Checkbox,
  FormErrorBlock,
  type ParseResult,
  TextAreaField,
  TextField,
} from "@trustdesk/ui";
import { type PolicyDraftUpdate, type PolicyVersionDetail, useTRPC } from "../../lib/trpc.ts";

const ID = "policy-draft";

/** "12" → 12; anything else stays as typed, so the domain's schema names the problem. */
function wholeNumber(text: string | undefined): unknown {
  const t = (text ?? "").trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

function ruleFromForm(rule: VettingRule, values: Record<string, string>): unknown {
  const p = `rules.${rule.id}`;
  const base = {
    id: rule.id,
    // dns_unavailable is always on (the schema refuses it off): its box is not offered.
    enabled: rule.id === "dns_unavailable" || values[`${p}.enabled`] === "on",
    weight: wholeNumber(values[`${p}.weight`]),
  };
  switch (rule.id) {
    case "velocity_ip_24h":
    case "velocity_domain_24h":
    case "velocity_device_24h":
      return { ...base, threshold: wholeNumber(values[`${p}.threshold`]) };
    case "high_risk_country":
      return {
        ...base,
        countries: (values[`${p}.countries`] ?? "")
          .split(/[\s,;]+/)
          .map((c) => c.trim().toUpperCase())
          .filter((c) => c !== ""),
      };
    case "random_local_part":
      return { ...base, minLength: wholeNumber(values[`${p}.minLength`]) };
    default:
      return base;
  }
}

/**
 * The form's values as the update the API takes, checked first with the same domain schema the API
 * uses (`parseVettingPolicy`), so a mistake shows beside its field before anything is sent.
 */
export function parseDraftForm(
  draft: PolicyVersionDetail,
  values: Record<string, string>,
): ParseResult<PolicyDraftUpdate> {
  const rules = draft.policy.rules.map((r) => ruleFromForm(r, values));
  const reviewThreshold = wholeNumber(values.reviewThreshold);
  const rejectThreshold = wholeNumber(values.rejectThreshold);
  const parsed = parseVettingPolicy({ version: draft.version, rules, reviewThreshold, rejectThreshold });
  if (!parsed.ok) {
    return {
      ok: false,
      fields: Object.fromEntries(parsed.problems.map((p) => [p.path, problemText(p.path, p.message)])),
    };
  }
  return {
    ok: true,
    data: {
      version: draft.version,
      expectedRevision: draft.revision,
      rules: parsed.policy.rules,
      reviewThreshold: parsed.policy.reviewThreshold,
      rejectThreshold: parsed.policy.rejectThreshold,
      // An emptied note clears it (the API reads "" as none).
      note: values.note ?? "",
    },
  };
}

/** "rules.velocity_ip_24h.weight" → the rule's name first, so the summary says which rule is wrong. */
function problemText(path: string, message: string): string {
  const id = /^rules\.([a-z0-9_]+)\./.exec(path)?.[1];
  const label = id && id in VETTING_RULE_LABELS ? VETTING_RULE_LABELS[id as VettingRule["id"]] : null;
  return label ? `${label}: ${message}` : message;
}

/** The open draft as a form: thresholds, then each rule's switch, weight and parameters. */
export function DraftEditor({ draft, onSaved }: { draft: PolicyVersionDetail; onSaved: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useFormMutation(
    trpc.staff.vettingPolicy.updateDraft.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.staff.vettingPolicy.pathKey() });
        onSaved();
      },
    }),
  );
  const { errors } = save;
  const fieldError = (path: string) => errors.fields[path] ?? null;
  const order = [
    "reviewThreshold",
    "rejectThreshold",
    ...draft.policy.rules.flatMap((r) => [
      `rules.${r.id}.enabled`,
      `rules.${r.id}.weight`,
      `rules.${r.id}.threshold`,
      `rules.${r.id}.countries`,
      `rules.${r.id}.minLength`,
    ]),
    "note",
  ];

  return (
    <form
      // A new revision (saved here or elsewhere) resets the fields to what is stored.
      key={draft.revision}
      className="td-stack td-stack--md policy-draft-form"
      aria-label={`Edit draft version ${draft.version}`}
      noValidate
      onSubmit={save.handleSubmit((values) => parseDraftForm(draft, values))}
    >
      <FormErrorBlock errors={errors} idPrefix={ID} order={order} />
      <Card headingLevel={3} title="Thresholds" description="A score at or above a threshold decides.">
        <div className="td-form__row">
          <TextField
            id={`${ID}-reviewThreshold`}
            name="reviewThreshold"
            label="Send to review at"
            inputMode="numeric"
            defaultValue={String(draft.policy.reviewThreshold)}
            error={fieldError("reviewThreshold")}
            required
          />
          <TextField
            id={`${ID}-rejectThreshold`}
            name="rejectThreshold"
            label="Reject at"
            inputMode="numeric"
            hint="Higher than the review threshold."
            defaultValue={String(draft.policy.rejectThreshold)}
            error={fieldError("rejectThreshold")}
            required
          />
        </div>
      </Card>
      <Card
        headingLevel={3}
        title="Rules"
        description={`Weights from 0 to ${MAX_RULE_WEIGHT}; 0 records the rule on the decision without scoring it. A rule that is off is not evaluated at all.`}
      >
        <ol className="policy-draft-rules">
          {draft.policy.rules.map((rule) => (
            <li key={rule.id} className="policy-draft-rule">
              <div className="policy-draft-rule__head">
                {rule.id === "dns_unavailable" ? (
                  <p className="policy-draft-rule__name">
                    {VETTING_RULE_LABELS[rule.id]}{" "}
                    <span className="td-text-muted td-text-small">(always on)</span>
                  </p>
                ) : (
                  <Checkbox
                    id={`${ID}-rules.${rule.id}.enabled`}
                    name={`rules.${rule.id}.enabled`}
                    label={<span className="policy-draft-rule__name">{VETTING_RULE_LABELS[rule.id]}</span>}
                    defaultChecked={rule.enabled}
                    error={fieldError(`rules.${rule.id}.enabled`)}
                  />
                )}
                <p className="td-text-muted td-text-small">{VETTING_RULE_DESCRIPTIONS[rule.id]}</p>
              </div>
              <div className="policy-draft-rule__fields">
                <TextField
                  id={`${ID}-rules.${rule.id}.weight`}
                  name={`rules.${rule.id}.weight`}
                  label="Weight"
                  aria-label={`Weight of “${VETTING_RULE_LABELS[rule.id]}”`}
                  inputMode="numeric"
                  defaultValue={String(rule.weight)}
                  error={fieldError(`rules.${rule.id}.weight`)}
                />
                <RuleParameters rule={rule} error={fieldError} />
              </div>
            </li>
          ))}
        </ol>
      </Card>
      <TextAreaField
        id={`${ID}-note`}
        name="note"
        label="What this version changes, and why"
        optional
        rows={2}
        defaultValue={draft.note ?? ""}
        error={fieldError("note")}
      />
      <div className="policy-draft-form__actions">
        <Button type="submit" loading={save.isPending} loadingLabel="Saving…">
          Save draft
        </Button>
        <span className="td-text-small td-text-muted">
          Saving changes nothing for sign-ups; publishing does. Replay uses the saved draft.
        </span>
      </div>
    </form>
  );
}

function RuleParameters({ rule, error }: { rule: VettingRule; error: (path: string) => string | null }) {
  const p = `rules.${rule.id}`;
  const name = VETTING_RULE_LABELS[rule.id];
  switch (rule.id) {
    case "velocity_ip_24h":
    case "velocity_domain_24h":
    case "velocity_device_24h":
      return (
        <TextField
          id={`${ID}-${p}.threshold`}
          name={`${p}.threshold`}
          label="Fires at (earlier sign-ups)"
          aria-label={`Earlier sign-ups at which “${name}” fires`}
          inputMode="numeric"
          defaultValue={String(rule.threshold)}
          error={error(`${p}.threshold`)}
        />
      );
    case "high_risk_country":
      return (
        <TextField
          id={`${ID}-${p}.countries`}
          name={`${p}.countries`}
          label="Countries (two-letter codes)"
          defaultValue={rule.countries.join(", ")}
          error={error(`${p}.countries`)}
          spellCheck={false}
        />
      );
    case "random_local_part":
      return (
        <TextField
          id={`${ID}-${p}.minLength`}
          name={`${p}.minLength`}
          label="Minimum length (characters)"
          inputMode="numeric"
          defaultValue={String(rule.minLength)}
          error={error(`${p}.minLength`)}
        />
      );
    default:
      return null;
  }
}
