import { Button, Icon } from "@trustdesk/ui";

/** Re-reads a page's data on demand, showing that it is doing so. */
export function RefreshButton({
  query,
  variant = "secondary",
}: {
  query: { isFetching: boolean; refetch: () => unknown };
  variant?: "secondary" | "ghost";
}) {
  return (
    <Button
      variant={variant}
      size="sm"
      icon={<Icon name="refresh" size={14} />}
      loading={query.isFetching}
      loadingLabel="Refreshing…"
      onClick={() => void query.refetch()}
    >
      Refresh
    </Button>
  );
}
