import { Button } from "@trustdesk/ui";

/**
 * Keyset paging, newest first: "Older" continues after the last row shown (the cursor the API
 * returned), "Newest" goes back to the first page; the browser's Back goes one page back.
 */
export function KeysetPager({
  cursor,
  nextCursor,
  onCursor,
  olderLabel = "Older",
}: {
  /** The page shown: none is the newest. */
  cursor: string | undefined;
  nextCursor: string | null;
  onCursor: (cursor: string | undefined) => void;
  olderLabel?: string;
}) {
  const atStart = !cursor;
  if (atStart && !nextCursor) return null;
  return (
    <nav className="keyset-pager" aria-label="Pages">
      <Button variant="secondary" size="sm" disabled={atStart} onClick={() => onCursor(undefined)}>
        Back to the newest
      </Button>
      <Button
        variant="secondary"
        size="sm"
        disabled={!nextCursor}
        onClick={() => nextCursor && onCursor(nextCursor)}
      >
        {olderLabel} →
      </Button>
    </nav>
  );
}
