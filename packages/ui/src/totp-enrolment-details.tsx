import { CodeValue } from "./code.tsx";

/** The QR code arrives as SVG text; an <img> data URL renders it without injecting markup. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A base32 secret in groups of four, easier to type by hand. */
export function groupSecret(secret: string): string {
  return secret
    .replace(/\s/g, "")
    .replace(/(.{4})/g, "$1 ")
    .trim();
}

export interface TotpEnrolmentDetailsProps {
  qrSvg: string;
  secret: string;
  otpauthUri: string;
  productName?: string;
}

/** How to add the account to an authenticator app: scan the QR code, or type the key. */
export function TotpEnrolmentDetails({
  qrSvg,
  secret,
  otpauthUri,
  productName = "Trustdesk",
}: TotpEnrolmentDetailsProps) {
  return (
    <div className="td-totp">
      <div className="td-qr">
        <img src={svgDataUrl(qrSvg)} alt={`QR code to add ${productName} to your authenticator app`} />
      </div>
      <div className="td-stack td-stack--sm td-totp__manual">
        <p className="td-text-muted td-text-small">
          Can't scan it? Enter this key in the app instead (time-based, 6 digits):
        </p>
        <CodeValue value={groupSecret(secret)} copyLabel="Copy key" />
        <p className="td-text-small">
          <a href={otpauthUri}>Open in an authenticator app on this device</a>
        </p>
      </div>
    </div>
  );
}
