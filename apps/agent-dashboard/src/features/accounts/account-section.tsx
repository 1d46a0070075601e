import type { ReactNode } from "react";

/**
 * One part of the account page: a landmark named by its h2, the target of the page's in-page
 * navigation (`id`), with an optional count and actions beside the heading.
 */
export function AccountSection({
  id,
  title,
  count,
  description,
  actions,
  children,
}: {
  id: string;
  title: string;
  count?: number | undefined;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="account-section">
      <div className="account-section__header">
        <div>
          <h2 className="account-section__title">
            {/* The region is named by the title alone; the count is read with the heading. */}
            <span id={`${id}-title`}>{title}</span>
            {count !== undefined ? <span className="account-section__count">{count}</span> : null}
          </h2>
          {description ? <p className="account-section__description">{description}</p> : null}
        </div>
        {actions ? <div className="account-section__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
