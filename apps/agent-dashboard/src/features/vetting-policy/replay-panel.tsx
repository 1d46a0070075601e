import { useQuery } from "@tanstack/react-query";
import { QueryView } from "@trustdesk/client";
import { MAX_REPLAY_DAYS, VETTING_RULE_LABELS, type VettingOutcome } from "@trustdesk/domain";
import { Alert, Badge, Button, Card, DataTable, Table, TextField } from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { type PolicyReplay, useTRPC } from "../../lib/trpc.ts";
import { vettingOutcome } from "../accounts/account-labels.ts";
import { AccountLink } from "../accounts/account-link.tsx";

const OUTCOMES: VettingOutcome[] = ["approve", "review", "reject"];

/**
 * Replays the saved draft against the last N days of real sign-ups: each automatic decision's
 * stored signals scored again under the draft, compared with what was decided at the time.
 */
export function ReplayPanel({ version, revision }: { version: number; revision: number }) {
  const trpc = useTRPC();
  const [days, setDays] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const replay = useQuery(
    trpc.staff.vettingPolicy.replay.queryOptions(
      { version, days: days ?? 30 },
      // Saving the draft invalidates every policy query, this one included: it replays again.
      { enabled: days !== null },
    ),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("days") ?? "").trim();
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_REPLAY_DAYS) {
      setError(`Replay the last 1 to ${MAX_REPLAY_DAYS} days`);
      return;
    }
    setError(null);
    if (n === days) void replay.refetch();
    else setDays(n);
  };

  return (
    <Card
      headingLevel={2}
      title="Replay against recent sign-ups"
      description={`What this draft would have decided for real sign-ups, compared with what was decided at the time. Uses the saved draft (revision ${revision}).`}
    >
      <div className="td-stack td-stack--md">
        <form className="policy-replay-form" onSubmit={onSubmit} noValidate aria-label="Replay the draft">
          <TextField
            id="policy-replay-days"
            name="days"
            label={`Days of sign-ups (1 to ${MAX_REPLAY_DAYS})`}
            inputMode="numeric"
            defaultValue="30"
            error={error}
          />
          <Button type="submit" variant="secondary" loading={replay.isFetching} loadingLabel="Replaying…">
            Replay draft
          </Button>
        </form>
        {days !== null ? (
          <QueryView
            query={replay}
            loadingLabel="Replaying the draft…"
            errorTitle="We couldn't replay the draft"
          >
            {(result) => <ReplayResult result={result} />}
          </QueryView>
        ) : null}
      </div>
    </Card>
  );
}

function ReplayResult({ result }: { result: PolicyReplay }) {
  const since = formatDateTime(result.since);
  if (result.replayed === 0) {
    return (
      <Alert tone="info" title="No sign-ups to replay">
        No sign-up was vetted automatically since {since}.
      </Alert>
    );
  }
  return (
    <section aria-label="Replay result" className="td-stack td-stack--md">
      <Alert tone={result.changed > 0 ? "warning" : "success"} live="polite" title={summaryTitle(result)}>
        {formatNumber(result.replayed)} automatic decision{result.replayed === 1 ? "" : "s"} since {since}.{" "}
        {result.scoreChangedOnly > 0
          ? `${formatNumber(result.scoreChangedOnly)} more would keep their outcome with a different score. `
          : ""}
        {result.skipped > 0
          ? `${formatNumber(result.skipped)} could not be replayed (no stored signals).`
          : ""}
      </Alert>
      <TransitionMatrix result={result} />
      {result.changes.length > 0 ? (
        <>
          <h3 className="policy-subtitle">
            Sign-ups that would change
            {result.changed > result.changes.length
              ? ` (the newest ${formatNumber(result.changes.length)} of ${formatNumber(result.changed)})`
              : ""}
          </h3>
          <DataTable
            caption={`Sign-ups whose decision would change under version ${result.version}`}
            captionHidden
            dense
            rows={result.changes}
            rowKey={(c) => c.decisionId}
            columns={[
              {
                key: "account",
                header: "Account",
                rowHeader: true,
                cell: (c) => <AccountLink id={c.accountId} name={c.accountName} />,
              },
              { key: "when", header: "Decided on", nowrap: true, cell: (c) => formatDateTime(c.decidedAt) },
              {
                key: "before",
                header: "Outcome then",
                cell: (c) => (
                  <OutcomeScore
                    outcome={c.before.outcome}
                    score={c.before.score}
                    suffix={`under v${c.decidedUnderVersion}`}
                  />
                ),
              },
              {
                key: "after",
                header: `Under v${result.version}`,
                cell: (c) => <OutcomeScore outcome={c.after.outcome} score={c.after.score} />,
              },
              {
                key: "rules",
                header: "Rules now firing",
                cell: (c) =>
                  c.after.firedRules.length === 0
                    ? "none"
                    : c.after.firedRules.map((r) => VETTING_RULE_LABELS[r] ?? r).join("; "),
              },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}

function summaryTitle(r: PolicyReplay): string {
  if (r.changed === 0) return "No decision would change";
  const share = Math.round((r.changed / r.replayed) * 1000) / 10;
  return `${formatNumber(r.changed)} decision${r.changed === 1 ? "" : "s"} would change (${share}%)`;
}

function OutcomeScore({
  outcome,
  score,
  suffix,
}: {
  outcome: VettingOutcome;
  score: number;
  suffix?: string;
}) {
  const o = vettingOutcome(outcome);
  return (
    <span className="policy-outcome-score">
      <Badge tone={o.tone}>{o.label}</Badge> score {score}
      {suffix ? <span className="td-text-muted td-text-small"> {suffix}</span> : null}
    </span>
  );
}

/** Rows: what was decided; columns: what the draft decides. The diagonal is "unchanged". */
function TransitionMatrix({ result }: { result: PolicyReplay }) {
  return (
    <Table caption={`Decisions at the time (rows) against version ${result.version} (columns)`} dense>
      <thead>
        <tr>
          <th scope="col">Decided at the time</th>
          {OUTCOMES.map((o) => (
            <th key={o} scope="col" className="td-table__num">
              {vettingOutcome(o).label} under v{result.version}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {OUTCOMES.map((from) => (
          <tr key={from}>
            <th scope="row">{vettingOutcome(from).label}</th>
            {OUTCOMES.map((to) => {
              const n = result.matrix[from][to];
              return (
                <td
                  key={to}
                  className={`td-table__num${from !== to && n > 0 ? " policy-matrix__changed" : ""}`}
                  data-from={from}
                  data-to={to}
                >
                  {formatNumber(n)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
