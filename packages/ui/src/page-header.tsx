import type { ReactNode } from "react";
import { cx } from "./cx.ts";

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** A small label above the title (e.g. the section). */
  eyebrow?: ReactNode;
  actions?: ReactNode;
  className?: string;
}

/** The page's single h1, with an optional description and actions. */
export function PageHeader({ title, description, eyebrow, actions, className }: PageHeaderProps) {
  return (
    <div className={cx("td-page-header", className)}>
      <div className="td-page-header__text">
        {eyebrow ? <p className="td-page-header__eyebrow">{eyebrow}</p> : null}
        <h1 className="td-page-header__title">{title}</h1>
        {description ? <p className="td-page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="td-page-header__actions">{actions}</div> : null}
    </div>
  );
}
