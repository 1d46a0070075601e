import type { ReactNode } from "react";
import { type CategoryTick, ChartAxes, ChartFigure, useChartFrame, ValueGridlines } from "./chart-frame.tsx";
import { cx } from "./cx.ts";

export interface BarChartDatum {
  /** Stable key (e.g. the ISO day). */
  key: string;
  /** How the category reads on the axis and in the hover title, e.g. "3 Jan". */
  label: string;
  value: number;
}

export interface BarChartProps {
  /** The chart's heading and the image's accessible name. */
  title: string;
  headingLevel?: 3 | 4;
  data: readonly BarChartDatum[];
  /** Title of the vertical axis, e.g. "Emails". */
  valueAxisLabel: string;
  /** Title of the horizontal axis, e.g. "Day". */
  categoryAxisLabel: string;
  /** The take-away in words (totals, peak, gaps): shown under the title and read as the description. */
  summary: ReactNode;
  /** Label every n-th category on the axis (the first and the last are always labelled). */
  tickEvery?: number;
  tone?: "primary" | "info" | "success" | "warning";
  formatValue?: (value: number) => string;
  height?: number;
  className?: string;
}

const MARGIN = { top: 10, right: 12, bottom: 40, left: 58 };

/** The smallest "round" number (1, 2, 2.5, 5 × 10ⁿ) at or above `max`, so the top gridline reads well. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}

const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });

/**
 * A bar chart in plain SVG, sized to its container (text stays at its real size). Accessible: the
 * SVG is one image named by the title and described by the summary; the app adds the data itself
 * as a table (visible or on demand) for those who need the numbers.
 */
export function BarChart({
  title,
  headingLevel = 3,
  data,
  valueAxisLabel,
  categoryAxisLabel,
  summary,
  tickEvery = 15,
  tone = "primary",
  formatValue = (v) => compact.format(v),
  height = 150,
  className,
}: BarChartProps) {
  const frame = useChartFrame(height, MARGIN);
  const { plotWidth, plotHeight } = frame;
  const top = niceCeiling(Math.max(0, ...data.map((d) => d.value)));
  const band = data.length > 0 ? plotWidth / data.length : plotWidth;
  const gap = band > 5 ? Math.min(2, band * 0.25) : 0;
  const y = (value: number) => MARGIN.top + plotHeight - (Math.max(0, value) / top) * plotHeight;
  const categoryTicks: CategoryTick[] = data.flatMap((d, i) =>
    i === 0 || i === data.length - 1 || i % tickEvery === 0
      ? [
          {
            key: d.key,
            label: d.label,
            x: MARGIN.left + i * band + band / 2,
            anchor: i === 0 ? "start" : i === data.length - 1 ? "end" : "middle",
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
      className={cx(`td-chart--${tone}`, className)}
    >
      <ValueGridlines frame={frame} ticks={[0, top / 2, top]} y={y} formatValue={formatValue} />
      {data.map((d, i) =>
        d.value > 0 ? (
          <rect
            key={d.key}
            className="td-chart__bar"
            x={MARGIN.left + i * band + gap / 2}
            y={y(d.value)}
            width={Math.max(1, band - gap)}
            height={Math.max(1, MARGIN.top + plotHeight - y(d.value))}
            rx={band > 6 ? 1.5 : 0}
          >
            <title>{`${d.label}: ${d.value.toLocaleString()}`}</title>
          </rect>
        ) : null,
      )}
      <ChartAxes
        frame={frame}
        ticks={categoryTicks}
        categoryAxisLabel={categoryAxisLabel}
        valueAxisLabel={valueAxisLabel}
      />
    </ChartFigure>
  );
}
