import type { ReactNode } from "react";
import { Brand } from "./brand.tsx";
import { cx } from "./cx.ts";
import { SkipLink } from "./skip-link.tsx";

export interface AuthLayoutProps {
  productName: string;
  realm?: string;
  /** The page's h1. */
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Links under the card ("No account? Sign up", "Trouble signing in?"). */
  footer?: ReactNode;
  /** A wider card for multi-step content such as 2FA enrolment or help pages. */
  width?: "narrow" | "wide";
  /** Rendered above the card, e.g. an Alert after a password reset. */
  notice?: ReactNode;
}

/** A centered, single-card layout for sign-in, sign-up and account recovery pages. */
export function AuthLayout({
  productName,
  realm,
  title,
  description,
  children,
  footer,
  width = "narrow",
  notice,
}: AuthLayoutProps) {
  return (
    <div className="td-auth">
      <SkipLink />
      <header className="td-auth__brand">
        <Brand productName={productName} realm={realm} />
      </header>
      <main id="main" tabIndex={-1} className={cx("td-auth__main", `td-auth__main--${width}`)}>
        {notice}
        <div className="td-auth__card">
          <h1 className="td-auth__title">{title}</h1>
          {description ? <div className="td-auth__description">{description}</div> : null}
          <div className="td-auth__content">{children}</div>
        </div>
        {footer ? <div className="td-auth__footer">{footer}</div> : null}
      </main>
    </div>
  );
}
