import { type ReactNode, useId } from "react";
import { cx } from "./cx.ts";

export interface TableProps {
  /** Every table has a caption; hide it visually when a heading nearby says the same. */
  caption: ReactNode;
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
  /** Tighter rows for dense work lists. */
  dense?: boolean;
}

/**
 * A styled table in a horizontally scrollable region (focusable, so keyboard users can scroll it).
 * Write thead/tbody/tr/th/td yourself; `td-table__num` right-aligns numbers.
 */
export function Table({ caption, captionHidden = false, children, className, dense = false }: TableProps) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className={cx("td-table-wrap", className)} aria-labelledby={captionId} tabIndex={0}>
      <table className={cx("td-table", dense && "td-table--dense")}>
        <caption id={captionId} className={captionHidden ? "td-visually-hidden" : "td-table__caption"}>
          {caption}
        </caption>
        {children}
      </table>
    </section>
  );
}
