import { cx } from "./cx.ts";

/** The product mark: a shield in a rounded square. Decorative; the product name is text beside it. */
export function BrandMark({ size = 28, className }: { size?: number; className?: string }) {
  return (
    <svg
      className={cx("td-brand-mark", className)}
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="var(--td-brand-mark-bg, #4f46e5)" />
      <path
        d="M16 7.5 9.5 10v5.2c0 4.3 2.8 7.6 6.5 9.3 3.7-1.7 6.5-5 6.5-9.3V10L16 7.5Z"
        fill="none"
        stroke="#fff"
        strokeWidth="2"
        strokeLinejoin="round"
      />
      <path
        d="m13 16 2.2 2.2L19.5 14"
        fill="none"
        stroke="#fff"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Brand({ productName, realm }: { productName: string; realm?: string | undefined }) {
  return (
    <span className="td-brand">
      <BrandMark />
      <span className="td-brand__name">{productName}</span>
      {realm ? <span className="td-brand__realm">{realm}</span> : null}
    </span>
  );
}
