import type { ReactNode } from "react";
import { cx } from "./cx.ts";
import { Table } from "./table.tsx";

export interface DataColumn<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The column that names the row: its cells are `<th scope="row">` (one per table). */
  rowHeader?: boolean;
  /** Numbers: right-aligned, tabular figures. */
  numeric?: boolean;
  nowrap?: boolean;
  className?: string;
}

export interface DataTableProps<T> {
  caption: ReactNode;
  captionHidden?: boolean;
  dense?: boolean;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: ReadonlyArray<DataColumn<T>>;
  rowClassName?: (row: T) => string | undefined;
  className?: string;
}

/** A `Table` from column definitions: header cells, row headers and alignment done once. */
export function DataTable<T>({
  caption,
  captionHidden,
  dense,
  rows,
  rowKey,
  columns,
  rowClassName,
  className,
}: DataTableProps<T>) {
  const cellClass = (c: DataColumn<T>) =>
    cx(c.numeric && "td-table__num", c.nowrap && "td-table__nowrap", c.className) || undefined;
  return (
    <Table caption={caption} captionHidden={captionHidden} dense={dense} className={className}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.numeric ? "td-table__num" : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.key} scope="row" className={cellClass(c)}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.key} className={cellClass(c)}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A cell's main text with a smaller second line (an id, an email, a date). */
export function CellText({ children, secondary }: { children: ReactNode; secondary?: ReactNode }) {
  return (
    <>
      {children}
      {secondary ? <span className="td-table__secondary">{secondary}</span> : null}
    </>
  );
}
