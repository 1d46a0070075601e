import type { ComponentPropsWithoutRef, ReactNode } from "react";
import { cx } from "./cx.ts";

export type HeadingLevel = 2 | 3 | 4;

export interface CardProps extends Omit<ComponentPropsWithoutRef<"section">, "title"> {
  title?: ReactNode;
  description?: ReactNode;
  /** Buttons or links at the right of the card header. */
  actions?: ReactNode;
  footer?: ReactNode;
  headingLevel?: HeadingLevel;
  /** Remove the body padding (for tables that run edge to edge). */
  flush?: boolean;
}

export function Card({
  title,
  description,
  actions,
  footer,
  headingLevel = 2,
  flush = false,
  className,
  children,
  ...rest
}: CardProps) {
  const Heading = `h${headingLevel}` as const;
  const hasHeader = Boolean(title || description || actions);
  return (
    <section className={cx("td-card", className)} {...rest}>
      {hasHeader ? (
        <header className="td-card__header">
          <div className="td-card__heading">
            {title ? <Heading className="td-card__title">{title}</Heading> : null}
            {description ? <p className="td-card__description">{description}</p> : null}
          </div>
          {actions ? <div className="td-card__actions">{actions}</div> : null}
        </header>
      ) : null}
      <div className={cx("td-card__body", flush && "td-card__body--flush")}>{children}</div>
      {footer ? <footer className="td-card__footer">{footer}</footer> : null}
    </section>
  );
}
