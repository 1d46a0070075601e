import type { ReactNode } from "react";
import { cx } from "./cx.ts";
import { Icon } from "./icons.tsx";

export interface ChecklistItem {
  /** Stable key (e.g. a requirement code). */
  id: string;
  label: ReactNode;
  done: boolean;
  /** A second line under the label (specifics, dates). */
  detail?: ReactNode;
}

export interface ChecklistProps {
  items: readonly ChecklistItem[];
  /** The list's accessible name, e.g. "Reactivation checklist". */
  label: string;
  /** The visible status words: state is always said in text, never by colour or icon alone. */
  doneText?: string;
  notDoneText?: string;
  /** Show "2 of 5 done" above the list. */
  showProgress?: boolean;
  className?: string;
}

/** A list of things to do, each marked done or not done (icon, colour and a word). */
export function Checklist({
  items,
  label,
  doneText = "Done",
  notDoneText = "To do",
  showProgress = false,
  className,
}: ChecklistProps) {
  const done = items.filter((i) => i.done).length;
  return (
    <div className={cx("td-checklist", className)}>
      {showProgress ? (
        <p className="td-checklist__progress">
          <strong>
            {done} of {items.length}
          </strong>{" "}
          {doneText.toLowerCase()}
          <span className="td-checklist__bar" aria-hidden="true">
            <span
              className="td-checklist__bar-fill"
              style={{ width: `${items.length ? (done / items.length) * 100 : 0}%` }}
            />
          </span>
        </p>
      ) : null}
      <ul className="td-checklist__list" aria-label={label}>
        {items.map((item) => (
          <li
            key={item.id}
            className={cx(
              "td-checklist__item",
              item.done ? "td-checklist__item--done" : "td-checklist__item--todo",
            )}
          >
            <span className="td-checklist__mark" aria-hidden="true">
              <Icon name={item.done ? "check" : "circle"} size={14} />
            </span>
            <span className="td-checklist__text">
              {/* Heard first; the visible word at the end of the row repeats it for the eye. */}
              <span className="td-visually-hidden">{item.done ? doneText : notDoneText}: </span>
              <span className="td-checklist__label">{item.label}</span>
              {item.detail ? <span className="td-checklist__detail">{item.detail}</span> : null}
            </span>
            <span className="td-checklist__status" aria-hidden="true">
              {item.done ? doneText : notDoneText}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
