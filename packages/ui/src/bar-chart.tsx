import { type ReactNode, useEffect, useId, useRef, useState } from "react";
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
  const Heading = `h${headingLevel}` as const;
  const titleId = useId();
  const summaryId = useId();
  const frameRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.floor(entry.contentRect.width)));
    });
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const top = niceCeiling(Math.max(0, ...data.map((d) => d.value)));
  const band = data.length > 0 ? plotWidth / data.length : plotWidth;
  const gap = band > 5 ? Math.min(2, band * 0.25) : 0;
  const y = (value: number) => MARGIN.top + plotHeight - (Math.max(0, value) / top) * plotHeight;
  const ticks = [0, top / 2, top];

  return (
    <figure className={cx("td-chart", `td-chart--${tone}`, className)} aria-labelledby={titleId}>
      <figcaption className="td-chart__caption">
        <Heading id={titleId} className="td-chart__title">
          {title}
        </Heading>
        <p id={summaryId} className="td-chart__summary">
          {summary}
        </p>
      </figcaption>
      <div ref={frameRef} className="td-chart__frame">
        <svg
          role="img"
          aria-describedby={summaryId}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          className="td-chart__svg"
        >
          <title>{title}</title>
          {ticks.map((t) => (
            <g key={t} className="td-chart__grid">
              <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(t)} y2={y(t)} />
              <text x={MARGIN.left - 8} y={y(t)} dy="0.32em" textAnchor="end" className="td-chart__tick">
                {formatValue(t)}
              </text>
            </g>
          ))}
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
          <line
            className="td-chart__axis"
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={MARGIN.top + plotHeight}
            y2={MARGIN.top + plotHeight}
          />
          {data.map((d, i) =>
            i === 0 || i === data.length - 1 || i % tickEvery === 0 ? (
              <text
                key={d.key}
                x={MARGIN.left + i * band + band / 2}
                y={MARGIN.top + plotHeight + 14}
                textAnchor={i === 0 ? "start" : i === data.length - 1 ? "end" : "middle"}
                className="td-chart__tick"
              >
                {d.label}
              </text>
            ) : null,
          )}
          <text
            x={MARGIN.left + plotWidth / 2}
            y={height - 4}
            textAnchor="middle"
            className="td-chart__axis-label"
          >
            {categoryAxisLabel}
          </text>
          <text
            transform={`translate(12 ${MARGIN.top + plotHeight / 2}) rotate(-90)`}
            textAnchor="middle"
            className="td-chart__axis-label"
          >
            {valueAxisLabel}
          </text>
        </svg>
      </div>
    </figure>
  );
}
