import type { ReactNode } from "react";
import { cx } from "./cx.ts";
import { Icon, type IconName } from "./icons.tsx";

export type Tone = "info" | "success" | "warning" | "danger";

const TONE_ICON: Record<Tone, IconName> = {
  info: "info",
  success: "check-circle",
  warning: "alert-triangle",
  danger: "x-circle",
};

export interface AlertProps {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  /**
   * How assistive technology hears it: "assertive" (role=alert) for something that just went
   * wrong, "polite" (role=status) for a result, none for content that is simply on the page.
   */
  live?: "assertive" | "polite";
  icon?: IconName;
  className?: string;
}

export function Alert({ tone = "info", title, children, actions, live, icon, className }: AlertProps) {
  const role = live === "assertive" ? "alert" : live === "polite" ? "status" : undefined;
  return (
    <div role={role} className={cx("td-alert", `td-alert--${tone}`, className)}>
      <Icon name={icon ?? TONE_ICON[tone]} size={18} className="td-alert__icon" />
      <div className="td-alert__body">
        {title ? <p className="td-alert__title">{title}</p> : null}
        {children ? <div className="td-alert__content">{children}</div> : null}
        {actions ? <div className="td-alert__actions">{actions}</div> : null}
      </div>
    </div>
  );
}

/** The confirmation of something just done ("You have signed out."), announced politely; nothing without one. */
export function SuccessNotice({ children }: { children?: ReactNode }) {
  return children ? (
    <Alert tone="success" live="polite">
      {children}
    </Alert>
  ) : null;
}

export interface BannerFact {
  label: string;
  value: ReactNode;
}

export interface BannerProps {
  tone?: Tone;
  /** A real heading: banners are landmarks of the page's story (e.g. one per restriction). */
  title: ReactNode;
  headingLevel?: 2 | 3;
  children?: ReactNode;
  /** Key facts shown in a row under the text (case number, hotline, since…). */
  facts?: readonly BannerFact[];
  actions?: ReactNode;
  icon?: IconName;
  className?: string;
}

/** A prominent, page-width notice with a heading, facts and actions. */
export function Banner({
  tone = "warning",
  title,
  headingLevel = 2,
  children,
  facts = [],
  actions,
  icon,
  className,
}: BannerProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section className={cx("td-banner", `td-banner--${tone}`, className)}>
      <div className="td-banner__icon">
        <Icon name={icon ?? TONE_ICON[tone]} size={20} />
      </div>
      <div className="td-banner__body">
        <Heading className="td-banner__title">{title}</Heading>
        {children ? <div className="td-banner__content">{children}</div> : null}
        {facts.length > 0 ? (
          <dl className="td-banner__facts">
            {facts.map((f) => (
              <div key={f.label} className="td-banner__fact">
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {actions ? <div className="td-banner__actions">{actions}</div> : null}
      </div>
    </section>
  );
}
