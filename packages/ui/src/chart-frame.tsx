import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { cx } from "./cx.ts";

export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * A chart's drawing area, as wide as its container (measured, so text stays at its real size):
 * the plot inside the margins, and its baseline.
 */
export function useChartFrame(height: number, margin: ChartMargin) {
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

  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  return { frameRef, width, height, margin, plotWidth, plotHeight, baseline: margin.top + plotHeight };
}

export type ChartFrame = ReturnType<typeof useChartFrame>;

/**
 * A chart as a figure: the title as its heading and the summary under it; the SVG is one image
 * named by the title and described by the summary. `legend` goes between the caption and the image.
 */
export function ChartFigure({
  frame,
  title,
  headingLevel,
  summary,
  className,
  legend,
  children,
}: {
  frame: ChartFrame;
  title: string;
  headingLevel: 3 | 4;
  summary: ReactNode;
  className: string;
  legend?: ReactNode;
  /** The SVG's marks, gridlines and axes. */
  children: ReactNode;
}) {
  const Heading = `h${headingLevel}` as const;
  const titleId = useId();
  const summaryId = useId();
  const { width, height } = frame;
  return (
    <figure className={cx("td-chart", className)} aria-labelledby={titleId}>
      <figcaption className="td-chart__caption">
        <Heading id={titleId} className="td-chart__title">
          {title}
        </Heading>
        <p id={summaryId} className="td-chart__summary">
          {summary}
        </p>
      </figcaption>
      {legend}
      <div ref={frame.frameRef} className="td-chart__frame">
        <svg
          role="img"
          aria-describedby={summaryId}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          className="td-chart__svg"
        >
          <title>{title}</title>
          {children}
        </svg>
      </div>
    </figure>
  );
}

/** Horizontal gridlines at the value ticks, each labelled on the left. */
export function ValueGridlines({
  frame,
  ticks,
  y,
  formatValue,
}: {
  frame: ChartFrame;
  ticks: readonly number[];
  y: (value: number) => number;
  formatValue: (value: number) => string;
}) {
  const { margin, width } = frame;
  return ticks.map((t) => (
    <g key={t} className="td-chart__grid">
      <line x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} />
      <text x={margin.left - 8} y={y(t)} dy="0.32em" textAnchor="end" className="td-chart__tick">
        {formatValue(t)}
      </text>
    </g>
  ));
}

export interface CategoryTick {
  key: string;
  label: string;
  x: number;
  anchor: "start" | "middle" | "end";
}

/** The baseline with the labelled categories under it, and both axes' titles. */
export function ChartAxes({
  frame,
  ticks,
  categoryAxisLabel,
  valueAxisLabel,
}: {
  frame: ChartFrame;
  ticks: readonly CategoryTick[];
  categoryAxisLabel: string;
  valueAxisLabel: string;
}) {
  const { margin, width, height, plotWidth, plotHeight, baseline } = frame;
  return (
    <>
      <line
        className="td-chart__axis"
        x1={margin.left}
        x2={width - margin.right}
        y1={baseline}
        y2={baseline}
      />
      {ticks.map((t) => (
        <text key={t.key} x={t.x} y={baseline + 14} textAnchor={t.anchor} className="td-chart__tick">
          {t.label}
        </text>
      ))}
      <text
        x={margin.left + plotWidth / 2}
        y={height - 4}
        textAnchor="middle"
        className="td-chart__axis-label"
      >
        {categoryAxisLabel}
      </text>
      <text
        transform={`translate(12 ${margin.top + plotHeight / 2}) rotate(-90)`}
        textAnchor="middle"
        className="td-chart__axis-label"
      >
        {valueAxisLabel}
      </text>
    </>
  );
}
