import type { ReactNode } from "react";
import { cx } from "./cx.ts";

export interface DescriptionItem {
  term: string;
  description: ReactNode;
}

export function DescriptionList({
  items,
  columns = 2,
  className,
}: {
  items: readonly DescriptionItem[];
  columns?: 1 | 2 | 3 | 4;
  className?: string;
}) {
  return (
    <dl className={cx("td-dl", `td-dl--cols-${columns}`, className)}>
      {items.map((item) => (
        <div key={item.term} className="td-dl__item">
          <dt className="td-dl__term">{item.term}</dt>
          <dd className="td-dl__description">{item.description}</dd>
        </div>
      ))}
    </dl>
  );
}
