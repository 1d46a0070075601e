import { Card, type DataColumn, DataTable, EmptyState, type IconName } from "@trustdesk/ui";

export interface EmptySectionProps {
  icon: IconName;
  title: string;
  description: string;
}

/** A section of the account or case page with nothing in it. */
export function EmptySection(empty: EmptySectionProps) {
  return (
    <Card>
      <EmptyState headingLevel={3} compact {...empty} />
    </Card>
  );
}

/** A section's rows as a dense table in a flush card (its caption for screen readers), or its empty state. */
export function SectionTable<T>({
  caption,
  rows,
  rowKey,
  columns,
  empty,
}: {
  caption: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: ReadonlyArray<DataColumn<T>>;
  empty: EmptySectionProps;
}) {
  if (rows.length === 0) return <EmptySection {...empty} />;
  return (
    <Card flush>
      <DataTable caption={caption} captionHidden dense rows={rows} rowKey={rowKey} columns={columns} />
    </Card>
  );
}
