import {
  lastDaysRange,
  METRICS_YEARS,
  MetricsRange,
  metricsRangeDays,
  zodFieldErrors,
} from "@trustdesk/domain";
import { Button, TextField } from "@trustdesk/ui";
import { type FormEvent, useState } from "react";

const PRESETS = [7, 30, 90, 365] as const;

/**
 * The range the numbers cover: two labelled date fields (the browser's own date picker, keyboard
 * included) checked with the API's own schema before asking, and quick ranges ending today.
 */
export function DateRangeForm({
  range,
  onChange,
  busy,
}: {
  range: MetricsRange;
  onChange: (range: MetricsRange) => void;
  busy: boolean;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const today = lastDaysRange(new Date(), 1).to;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = MetricsRange.safeParse({
      from: String(form.get("from") ?? ""),
      to: String(form.get("to") ?? ""),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    onChange(parsed.data);
  };
  const preset = (days: number) => {
    setErrors({});
    onChange(lastDaysRange(new Date(), days));
  };
  const current = range.to === today ? metricsRangeDays(range) : null;

  return (
    <form className="metrics-range" onSubmit={submit} noValidate aria-label="Date range">
      <TextField
        key={`from-${range.from}`}
        id="metrics-from"
        name="from"
        type="date"
        label="From"
        min={`${METRICS_YEARS.first}-01-01`}
        max={today}
        defaultValue={range.from}
        error={errors.from}
        required
      />
      <TextField
        key={`to-${range.to}`}
        id="metrics-to"
        name="to"
        type="date"
        label="To"
        min={`${METRICS_YEARS.first}-01-01`}
        max={today}
        defaultValue={range.to}
        error={errors.to}
        required
      />
      <Button type="submit" loading={busy} loadingLabel="Loading…">
        Show
      </Button>
      <fieldset className="metrics-range__presets">
        <legend>Quick ranges, ending today</legend>
        {PRESETS.map((days) => (
          <Button
            key={days}
            type="button"
            variant="secondary"
            size="sm"
            aria-pressed={current === days}
            onClick={() => preset(days)}
          >
            Last {days} days
          </Button>
        ))}
      </fieldset>
    </form>
  );
}
