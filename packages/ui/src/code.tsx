import { useEffect, useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "./button.tsx";
import { cx } from "./cx.ts";
import { Icon } from "./icons.tsx";

export interface CopyButtonProps {
  value: string;
  label?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}

/** Copies a value to the clipboard and says so (politely) to screen readers. */
export function CopyButton({
  value,
  label = "Copy",
  variant = "secondary",
  size = "sm",
  className,
}: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className={cx("td-copy", className)}>
      <Button
        variant={variant}
        size={size}
        icon={<Icon name={state === "copied" ? "check" : "copy"} size={14} />}
        onClick={copy}
      >
        {state === "copied" ? "Copied" : label}
      </Button>
      <span className="td-visually-hidden" role="status">
        {state === "copied"
          ? "Copied to the clipboard"
          : state === "failed"
            ? "Copy failed; select the text instead"
            : ""}
      </span>
    </span>
  );
}

/** A monospace value (a secret, a key prefix) that is easy to select and copy. */
export function CodeValue({
  value,
  copyLabel,
  className,
}: {
  value: string;
  copyLabel?: string;
  className?: string;
}) {
  return (
    <div className={cx("td-code-value", className)}>
      <code className="td-code-value__text">{value}</code>
      <CopyButton value={value} label={copyLabel ?? "Copy"} />
    </div>
  );
}

/** A grid of short codes (e.g. one-time recovery codes). */
export function CodeList({
  codes,
  label,
  className,
}: {
  codes: readonly string[];
  label: string;
  className?: string;
}) {
  return (
    <ul className={cx("td-code-list", className)} aria-label={label}>
      {codes.map((code) => (
        <li key={code}>
          <code>{code}</code>
        </li>
      ))}
    </ul>
  );
}
