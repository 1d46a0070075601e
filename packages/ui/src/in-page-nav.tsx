import { cx } from "./cx.ts";

export interface InPageNavItem {
  /** The id of the section it jumps to (without #). */
  targetId: string;
  label: string;
  /** A count shown after the label, e.g. the rows in that section. */
  count?: number | undefined;
  /** Draws attention to the item (e.g. active enforcements). */
  highlight?: boolean;
}

/** "On this page": a row of links to the sections of a long page. */
export function InPageNav({
  items,
  label = "On this page",
  className,
}: {
  items: readonly InPageNavItem[];
  label?: string;
  className?: string;
}) {
  return (
    <nav aria-label={label} className={cx("td-in-page-nav", className)}>
      <ul>
        {items.map((item) => (
          <li key={item.targetId}>
            <a
              href={`#${item.targetId}`}
              className={cx("td-in-page-nav__link", item.highlight && "td-in-page-nav__link--highlight")}
            >
              {item.label}
              {item.count !== undefined ? <span className="td-in-page-nav__count">{item.count}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
