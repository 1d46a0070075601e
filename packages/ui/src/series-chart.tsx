import type { ReactNode } from "react";
import { niceCeiling } from "./bar-chart.tsx";
import { type CategoryTick, ChartAxes, ChartFigure, useChartFrame, ValueGridlines } from "./chart-frame.tsx";
import { cx } from "./cx.ts";

export interface ChartSeries {
  key: string;
  label: string;
}

export interface SeriesChartDatum {
  /** Stable key (e.g. the ISO day). */
  key: string;
  /** How the category reads on the axis and in hover titles, e.g. "3 Jan". */
  label: string;
  /** One value per series key; null is "no value" (a gap in a line, nothing in a stack). */
  values: Readonly<Record<string, number | null>>;
}

export interface ChartReferenceLine {
  value: number;
  label: string;
}

export interface SeriesChartProps {
  /** The chart's heading and the image's accessible name. */
  title: string;
  headingLevel?: 3 | 4;
  /**
   * Stacked bars (parts of a whole per category), grouped bars (a few quantities side by side per
   * category, e.g. per reason) or lines (quantities to compare over time).
   */
  kind: "stacked" | "grouped" | "lines";
  series: readonly ChartSeries[];
  data: readonly SeriesChartDatum[];
  valueAxisLabel: string;
  categoryAxisLabel: string;
  /** The take-away in words: shown under the title and read as the image's description. */
  summary: ReactNode;
  /** Dashed horizontal lines at known thresholds (e.g. the 24 h and 48 h promises). */
  referenceLines?: readonly ChartReferenceLine[];
  /** Label about this many categories on the axis (the first and last are always labelled). */
  maxTicks?: number;
  formatValue?: (value: number) => string;
  height?: number;
  className?: string;
}

const MARGIN = { top: 12, right: 16, bottom: 40, left: 58 };
/** Line patterns beside the colours, so no series is told apart by colour alone. */
const DASHES = ["", "6 3", "2 3", "10 3 2 3", "1 2", "4 4"];
const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });

/** A whole-number gridline step (1, 2, 5 × 10ⁿ) giving at most four intervals up to `max`. */
function integerStep(max: number): number {
  if (max <= 4) return 1;
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

/**
 * Several series over one category axis, in plain SVG sized to its container (the design system's
 * own, like BarChart: no chart library in the bundle). Accessible as BarChart is: one image named
 * by the title and described by the summary, a legend in HTML, and every mark titled with its
 * number; the app shows the same numbers as a table.
 */
export function SeriesChart({
  title,
  headingLevel = 3,
  kind,
  series,
  data,
  valueAxisLabel,
  categoryAxisLabel,
  summary,
  referenceLines = [],
  maxTicks = 6,
  formatValue = (v) => compact.format(v),
  height = 200,
  className,
}: SeriesChartProps) {
  const frame = useChartFrame(height, MARGIN);
  const { width, plotWidth, plotHeight, baseline } = frame;
  const peaks = data.map((d) =>
    kind === "stacked"
      ? series.reduce((sum, s) => sum + Math.max(0, d.values[s.key] ?? 0), 0)
      : Math.max(0, ...series.map((s) => d.values[s.key] ?? 0)),
  );
  const peak = Math.max(0, ...peaks, ...referenceLines.map((r) => r.value));
  // Counts get whole-number gridlines (no "2.5 tickets"); durations and shares get quarters.
  const counts = data.every((d) => series.every((s) => Number.isInteger(d.values[s.key] ?? 0)));
  const step = counts ? integerStep(peak) : niceCeiling(peak) / 4;
  const top = counts ? Math.max(step, Math.ceil(peak / step) * step) : niceCeiling(peak);
  const band = data.length > 0 ? plotWidth / data.length : plotWidth;
  const gap = band > 5 ? Math.min(3, band * 0.25) : 0;
  const y = (value: number) => MARGIN.top + plotHeight - (Math.max(0, value) / top) * plotHeight;
  const x = (i: number) => MARGIN.left + i * band + band / 2;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const tickEvery = Math.max(1, Math.ceil(data.length / maxTicks));
  const categoryTicks: CategoryTick[] = data.flatMap((d, i) =>
    i === 0 || i === data.length - 1 || (i % tickEvery === 0 && data.length - 1 - i >= tickEvery)
      ? [
          {
            key: d.key,
            label: d.label,
            x: x(i),
            anchor:
              band > 60 || data.length < 2
                ? "middle"
                : i === 0
                  ? "start"
                  : i === data.length - 1
                    ? "end"
                    : "middle",
          },
        ]
      : [],
  );

  return (
    <ChartFigure
      frame={frame}
      title={title}
      headingLevel={headingLevel}
      summary={summary}
      className={cx("td-series-chart", className)}
      legend={
        <ul className="td-series-chart__legend">
          {series.map((s, i) => (
            <li key={s.key} className="td-series-chart__legend-item">
              <svg width="22" height="10" aria-hidden="true" className={`td-series--${i % 6}`}>
                {kind !== "lines" ? (
                  <rect x="6" y="0" width="10" height="10" rx="2" className="td-series-chart__swatch" />
                ) : (
                  <line
                    x1="0"
                    x2="22"
                    y1="5"
                    y2="5"
                    className="td-series-chart__line"
                    strokeDasharray={DASHES[i % DASHES.length]}
                  />
                )}
              </svg>
              {s.label}
            </li>
          ))}
          {referenceLines.map((r) => (
            <li key={r.label} className="td-series-chart__legend-item">
              <svg width="22" height="10" aria-hidden="true">
                <line x1="0" x2="22" y1="5" y2="5" className="td-series-chart__reference" />
              </svg>
              {r.label}
            </li>
          ))}
        </ul>
      }
    >
      <ValueGridlines frame={frame} ticks={ticks} y={y} formatValue={formatValue} />
      {kind === "grouped"
        ? data.map((d, i) => {
            const sub = Math.max(1, (band - gap * 2) / Math.max(1, series.length));
            return (
              <g key={d.key}>
                {series.map((s, si) => {
                  const v = d.values[s.key];
                  if (v === null || v === undefined || v <= 0) return null;
                  return (
                    <rect
                      key={s.key}
                      className={`td-series-chart__bar td-series--${si % 6}`}
                      x={MARGIN.left + i * band + gap + si * sub}
                      y={y(v)}
                      width={Math.max(1, sub - 2)}
                      height={Math.max(1, baseline - y(v))}
                      rx={1.5}
                    >
                      <title>{`${d.label} — ${s.label}: ${formatValue(v)}`}</title>
                    </rect>
                  );
                })}
              </g>
            );
          })
        : kind === "stacked"
          ? data.map((d, i) => {
              let base = 0;
              return (
                <g key={d.key}>
                  {series.map((s, si) => {
                    const v = Math.max(0, d.values[s.key] ?? 0);
                    if (v === 0) return null;
                    const y0 = y(base);
                    base += v;
                    return (
                      <rect
                        key={s.key}
                        className={`td-series-chart__bar td-series--${si % 6}`}
                        x={MARGIN.left + i * band + gap / 2}
                        y={y(base)}
                        width={Math.max(1, band - gap)}
                        height={Math.max(1, y0 - y(base))}
                      >
                        <title>{`${d.label} — ${s.label}: ${v.toLocaleString()}`}</title>
                      </rect>
                    );
                  })}
                </g>
              );
            })
          : series.map((s, si) => {
              const points = data
                .map((d, i) => ({ i, d, v: d.values[s.key] ?? null }))
                .filter((p): p is { i: number; d: SeriesChartDatum; v: number } => p.v !== null);
              // Lines break where a day has no value (no tickets answered that day, say).
              const segments: string[] = [];
              let current = "";
              let previous = -2;
              for (const p of points) {
                current += `${p.i === previous + 1 && current ? "L" : current ? " M" : "M"}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`;
                previous = p.i;
              }
              if (current) segments.push(current);
              return (
                <g key={s.key} className={`td-series--${si % 6}`}>
                  {segments.map((path) => (
                    <path
                      key={path}
                      d={path}
                      className="td-series-chart__line"
                      strokeDasharray={DASHES[si % DASHES.length]}
                    />
                  ))}
                  {points.map((p) => (
                    <circle
                      key={p.d.key}
                      cx={x(p.i)}
                      cy={y(p.v)}
                      r={band > 14 ? 3 : 2}
                      className="td-series-chart__point"
                    >
                      <title>{`${p.d.label} — ${s.label}: ${formatValue(p.v)}`}</title>
                    </circle>
                  ))}
                </g>
              );
            })}
      {referenceLines.map((r) => (
        <g key={r.label}>
          <line
            className="td-series-chart__reference"
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={y(r.value)}
            y2={y(r.value)}
          />
          <text
            x={width - MARGIN.right - 4}
            y={y(r.value) - 4}
            textAnchor="end"
            className="td-series-chart__reference-label"
          >
            {r.label}
          </text>
        </g>
      ))}
      <ChartAxes
        frame={frame}
        ticks={categoryTicks}
        categoryAxisLabel={categoryAxisLabel}
        valueAxisLabel={valueAxisLabel}
      />
    </ChartFigure>
  );
}
