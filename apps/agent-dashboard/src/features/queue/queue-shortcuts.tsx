import { Dialog } from "@trustdesk/ui";
import { useEffect, useRef } from "react";

export const QUEUE_SHORTCUTS: ReadonlyArray<{ keys: string[]; what: string }> = [
  { keys: ["j"], what: "Next ticket" },
  { keys: ["k"], what: "Previous ticket" },
  { keys: ["o", "Enter"], what: "Open the ticket" },
  { keys: ["r"], what: "Open the ticket with the reply box ready" },
  { keys: ["/"], what: "Search tickets" },
  { keys: ["?"], what: "Show these shortcuts" },
];

export interface QueueKeyHandlers {
  move: (by: 1 | -1) => void;
  open: (reply: boolean) => void;
  search: () => void;
  help: () => void;
}

/**
 * The queue's keys, on the document. Ignored while typing (inputs, selects, text areas, editable
 * text), with a modifier held, or while a dialog is open; Enter opens only from a focused row, so it
 * still presses the button or follows the link that has focus.
 */
export function useQueueKeys(handlers: QueueKeyHandlers, enabled: boolean) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], dialog"))
        return;
      const h = latest.current;
      const onRow = Boolean(target?.closest("[data-queue-row]"));
      switch (event.key) {
        case "j":
          h.move(1);
          break;
        case "k":
          h.move(-1);
          break;
        case "o":
          h.open(false);
          break;
        case "Enter":
          if (!onRow) return;
          h.open(false);
          break;
        case "r":
          h.open(true);
          break;
        case "/":
          h.search();
          break;
        case "?":
          h.help();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled]);
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      description="The queue works without a mouse."
      onClose={onClose}
      size="sm"
    >
      <table className="queue-shortcuts">
        <caption className="td-visually-hidden">Keyboard shortcuts of the queue</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {QUEUE_SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? " or " : null}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
