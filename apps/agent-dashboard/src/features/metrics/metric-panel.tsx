import { Button, Card, DataTable, Icon } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { displayValue, downloadText, type MetricColumn, toCsv } from "./metric-table.ts";

export interface MetricPanelProps<T> {
  /** Names the panel, the table's caption and the CSV file. */
  id: string;
  title: string;
  chart: ReactNode;
  columns: ReadonlyArray<MetricColumn<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The range in the file name: "backlog-2026-03-01-to-2026-03-30.csv". */
  rangeLabel: string;
  /** A line under the table (how a number is counted). */
  note?: ReactNode;
}

/**
 * A chart with its numbers: the table behind it (closed by default, opened with "Show the table")
 * and a CSV of exactly those rows.
 */
export function MetricPanel<T>({
  id,
  title,
  chart,
  columns,
  rows,
  rowKey,
  rangeLabel,
  note,
}: MetricPanelProps<T>) {
  return (
    <Card
      className="metric-panel"
      aria-labelledby={`${id}-heading`}
      data-metric={id}
      headingLevel={3}
      title={<span id={`${id}-heading`}>{title}</span>}
      actions={
        <Button
          variant="secondary"
          size="sm"
          icon={<Icon name="download" size={14} />}
          onClick={() => downloadText(`${id}-${rangeLabel}.csv`, toCsv(columns, rows))}
        >
          CSV<span className="td-visually-hidden">: {title}</span>
        </Button>
      }
    >
      {chart}
      <details className="metric-panel__details">
        <summary>Show the table</summary>
        <div className="metric-panel__table" data-metric-table={id}>
          <DataTable
            caption={`${title}: the numbers behind the chart`}
            captionHidden
            dense
            rows={rows}
            rowKey={rowKey}
            columns={columns.map((c, i) => ({
              key: c.key,
              header: c.header,
              rowHeader: i === 0,
              numeric: c.kind !== "day" && c.kind !== "text",
              nowrap: c.kind === "day",
              cell: (row: T) => displayValue(c.kind, c.value(row)),
            }))}
          />
        </div>
        {note ? <p className="metric-panel__note">{note}</p> : null}
      </details>
    </Card>
  );
}
