import { createHash, createPublicKey, type KeyObject, verify } from "node:crypto";
import {
  PartnerPublicKeysDocument,
  type SecretScanningLabel,
  type SecretScanningMatch,
} from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { recordExposure } from "../enforcement/record-exposure.ts";

export type SignatureCheck = "valid" | "invalid_signature" | "unknown_key";

/**
 * The partner's public keys, cached. An identifier we do not know triggers one refresh (the partner
 * rotated its keys); refreshes are shared by concurrent requests and at most one per
 * `minRefreshMs`, so a flood of made-up identifiers cannot make us fetch the document in a loop.
 * Every listed key is accepted, current or not: during a rotation both sign.
 */
export class PartnerPublicKeys {
  private keys = new Map<string, KeyObject>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | null = null;
  /** How many times the document was loaded (tests and metrics). */
  loads = 0;
  private readonly load: () => Promise<string>;
  private readonly minRefreshMs: number;

  constructor(load: () => Promise<string>, options: { minRefreshMs?: number } = {}) {
    this.load = load;
    this.minRefreshMs = options.minRefreshMs ?? 60_000;
  }

  private refresh(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const doc = PartnerPublicKeysDocument.parse(JSON.parse(await this.load()));
        this.loads += 1;
        this.keys = new Map(doc.public_keys.map((k) => [k.key_identifier, createPublicKey(k.key)]));
      } finally {
        this.loadedAt = performance.now();
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private async keyFor(identifier: string): Promise<KeyObject | undefined> {
    if (this.loadedAt === Number.NEGATIVE_INFINITY) await this.refresh();
    let key = this.keys.get(identifier);
    if (!key && performance.now() - this.loadedAt >= this.minRefreshMs) {
      await this.refresh();
      key = this.keys.get(identifier);
    }
    return key;
  }

  /** ECDSA P-256 / SHA-256 over the raw body; the signature is base64 DER. */
  async check(identifier: string, signatureBase64: string, rawBody: Uint8Array): Promise<SignatureCheck> {
    const key = await this.keyFor(identifier);
    if (!key) return "unknown_key";
    const signature = Buffer.from(signatureBase64, "base64");
    try {
      return verify("sha256", rawBody, { key, dsaEncoding: "der" }, signature)
        ? "valid"
        : "invalid_signature";
    } catch {
      // A malformed DER signature is simply not a valid one.
      return "invalid_signature";
    }
  }
}

/**
 * Works a verified partner report: each match goes through `recordExposure` (a key of ours is
 * revoked, recorded where it was seen, the account enforced and the customer mailed), and the answer
 * labels each token as partners expect. A replay of the same report records nothing new (exposures
 * are unique per key, source and location).
 */
export async function handleSecretScanningReport(
  deps: ServiceDeps,
  meta: RequestMeta | null,
  partner: string,
  matches: SecretScanningMatch[],
): Promise<SecretScanningLabel[]> {
  const labels: SecretScanningLabel[] = [];
  for (const match of matches) {
    const verdict = await recordExposure(
      deps,
      { type: "service", name: `secret-scanning:${partner}` },
      meta,
      {
        candidate: match.token,
        source: "partner_webhook",
        location: match.url,
      },
    );
    labels.push({
      token_hash: createHash("sha256").update(match.token).digest("hex"),
      token_type: match.type,
      label:
        verdict.status === "revoked" || verdict.status === "already_revoked"
          ? "true_positive"
          : "false_positive",
    });
  }
  return labels;
}
