import { type ComponentType, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Brand } from "./brand.tsx";
import { cx } from "./cx.ts";
import { Icon } from "./icons.tsx";
import { SkipLink } from "./skip-link.tsx";
import { Spinner } from "./spinner.tsx";

export interface ShellLinkProps {
  href: string;
  className?: string;
  children: ReactNode;
  "aria-current"?: "page" | undefined;
}

/** The component that renders links (the app passes its router's Link); a plain <a> by default. */
export type ShellLinkComponent = ComponentType<ShellLinkProps>;

export interface ShellNavItem {
  href: string;
  label: string;
  /** The app decides which item is current (it owns the router). */
  current?: boolean;
}

export interface ShellUser {
  name: string;
  email: string;
  /** A line under the email, e.g. the role or the account name. */
  detail?: string | undefined;
}

export interface AppShellProps {
  productName: string;
  /** Which side of the product this is, e.g. "Customer portal" or "Agent dashboard". */
  realm: string;
  homeHref: string;
  navigation: readonly ShellNavItem[];
  /** Accessible name of the navigation landmark. */
  navigationLabel?: string;
  linkComponent?: ShellLinkComponent;
  user?: ShellUser | null;
  onSignOut?: () => void;
  signingOut?: boolean;
  /** Rendered between the header and the page (e.g. a session-wide notice). */
  notice?: ReactNode;
  children: ReactNode;
}

function PlainLink({ href, children, ...rest }: ShellLinkProps) {
  return (
    <a href={href} {...rest}>
      {children}
    </a>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase() || "?";
}

export function UserMenu({
  user,
  onSignOut,
  signingOut = false,
}: {
  user: ShellUser;
  onSignOut?: (() => void) | undefined;
  signingOut?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    // Tabbing out of the menu closes it too.
    const onFocusOut = (event: FocusEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.relatedTarget as Node | null)) setOpen(false);
    };
    const root = rootRef.current;
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    root?.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
      root?.removeEventListener("focusout", onFocusOut);
    };
  }, [open]);

  return (
    <div className="td-user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="td-user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="td-avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="td-user-menu__name">{user.name}</span>
        <span className="td-visually-hidden">, account menu</span>
        <Icon name="chevron-down" size={14} />
      </button>
      <div id={panelId} className="td-user-menu__panel" hidden={!open}>
        <div className="td-user-menu__identity">
          <p className="td-user-menu__identity-name">{user.name}</p>
          <p className="td-user-menu__identity-email">{user.email}</p>
          {user.detail ? <p className="td-user-menu__identity-detail">{user.detail}</p> : null}
        </div>
        {onSignOut ? (
          <button
            type="button"
            className="td-user-menu__item"
            onClick={onSignOut}
            aria-busy={signingOut || undefined}
          >
            {signingOut ? <Spinner size="sm" /> : <Icon name="log-out" size={16} />}
            <span>{signingOut ? "Signing out…" : "Sign out"}</span>
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The signed-in frame: skip link, header (product + realm, navigation, user menu), main landmark.
 * Routing stays in the app: it passes the items, which one is current, and its Link component.
 */
export function AppShell({
  productName,
  realm,
  homeHref,
  navigation,
  navigationLabel = "Main",
  linkComponent: LinkComponent = PlainLink,
  user,
  onSignOut,
  signingOut,
  notice,
  children,
}: AppShellProps) {
  return (
    <div className="td-shell">
      <SkipLink />
      <header className="td-shell__header">
        <div className="td-shell__bar td-container">
          <LinkComponent href={homeHref} className="td-shell__home">
            <Brand productName={productName} realm={realm} />
            <span className="td-visually-hidden">, home</span>
          </LinkComponent>
          <nav className="td-shell__nav" aria-label={navigationLabel}>
            <ul className="td-shell__nav-list">
              {navigation.map((item) => (
                <li key={item.href}>
                  <LinkComponent
                    href={item.href}
                    className={cx("td-shell__nav-link", item.current && "td-shell__nav-link--current")}
                    aria-current={item.current ? "page" : undefined}
                  >
                    {item.label}
                  </LinkComponent>
                </li>
              ))}
            </ul>
          </nav>
          <div className="td-shell__user">
            {user ? <UserMenu user={user} onSignOut={onSignOut} signingOut={signingOut ?? false} /> : null}
          </div>
        </div>
      </header>
      {notice ? <div className="td-shell__notice td-container">{notice}</div> : null}
      <main id="main" tabIndex={-1} className="td-shell__main">
        <div className="td-container">{children}</div>
      </main>
      <footer className="td-shell__footer">
        <div className="td-container">
          {productName} · {realm}
        </div>
      </footer>
    </div>
  );
}
