import { Button } from "@trustdesk/ui";

/**
 * Keyset paging, newest first: "Older" continues after the last row shown (the cursor the API
 * returned), "Newest" goes back to the first page; the browser's Back goes one page back.
 */
export function KeysetPager({
  atStart,
  nextCursor,
  onNewest,
  onOlder,
  olderLabel = "Older",
}: {
  atStart: boolean;
  nextCursor: string | null;
  onNewest: () => void;
  onOlder: (cursor: string) => void;
  olderLabel?: string;
}) {
  if (atStart && !nextCursor) return null;
  return (
    <nav className="keyset-pager" aria-label="Pages">
      <Button variant="secondary" size="sm" disabled={atStart} onClick={onNewest}>
        Back to the newest
      </Button>
      <Button
        variant="secondary"
        size="sm"
        disabled={!nextCursor}
        onClick={() => nextCursor && onOlder(nextCursor)}
      >
        {olderLabel} →
      </Button>
    </nav>
  );
}
