import { readFile } from "node:fs/promises";
import { DomainError, describeFieldErrors, parseFields, SecretScanningReport } from "@trustdesk/domain";
import { handleSecretScanningReport, PartnerPublicKeys, type ServiceDeps } from "@trustdesk/services";
import express from "express";
import { restHandler } from "./rest-errors.ts";

/** A partner batch is a few matches; 1 MiB holds a thousand of them with long URLs. */
export const SECRET_SCANNING_MAX_BODY_BYTES = 1024 * 1024;

export interface PartnerKeySource {
  /** The partner's published keys document (`{ public_keys: [...] }`). */
  url: string;
  /** A local copy instead of the URL (tests, air-gapped set-ups). */
  file?: string | null;
  /** At most one refresh per this many ms (default 60 s). */
  minRefreshMs?: number;
}

/** The keys from a file, or over HTTPS with a bound on the wait. */
export function partnerPublicKeys(source: PartnerKeySource): PartnerPublicKeys {
  return new PartnerPublicKeys(
    async () => {
      if (source.file) return readFile(source.file, "utf8");
      const response = await fetch(source.url, {
        signal: AbortSignal.timeout(5000),
        headers: { accept: "application/json" },
      });
      if (!response.ok) throw new Error(`the partner's key document answered ${response.status}`);
      return response.text();
    },
    source.minRefreshMs === undefined ? {} : { minRefreshMs: source.minRefreshMs },
  );
}

const unauthenticated = (message: string) => new DomainError("UNAUTHENTICATED", message);

/**
 * The code host's secret-scanning partner webhook (`POST /v1/secret-scanning/github`). The body is
 * read raw (bounded) because the signature covers its exact bytes: ECDSA P-256/SHA-256 with the
 * key named by `Github-Public-Key-Identifier`, the signature in `Github-Public-Key-Signature`
 * (base64 DER). A signature that does not verify, or a key the partner does not publish (after one
 * refresh), is a 401 and nothing is recorded. The answer labels each token.
 */
export function secretScanningWebhook(deps: ServiceDeps, keys: PartnerPublicKeys): express.Router {
  const router = express.Router();
  router.post(
    "/secret-scanning/github",
    // Headers first: without them, the body is never read.
    restHandler(async (req, _res, next) => {
      if (!req.get("github-public-key-identifier") || !req.get("github-public-key-signature"))
        throw unauthenticated(
          "Sign the request: Github-Public-Key-Identifier and Github-Public-Key-Signature are required.",
        );
      next();
    }),
    express.raw({ type: () => true, limit: SECRET_SCANNING_MAX_BODY_BYTES }),
    restHandler(async (req, res) => {
      const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const check = await keys.check(
        req.get("github-public-key-identifier") ?? "",
        req.get("github-public-key-signature") ?? "",
        raw,
      );
      if (check !== "valid") {
        req.log.warn({ check }, "secret-scanning report refused");
        throw unauthenticated(
          check === "unknown_key"
            ? "The signing key is not among the partner's published keys."
            : "The signature does not match the body.",
        );
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        throw new DomainError("VALIDATION", "The body is not valid JSON.");
      }
      const parsed = parseFields(SecretScanningReport, body);
      if (!parsed.ok) {
        throw new DomainError("VALIDATION", `The report is invalid: ${describeFieldErrors(parsed.fields)}.`, {
          fields: parsed.fields,
        });
      }
      const labels = await handleSecretScanningReport(
        deps,
        { requestId: req.id, ip: req.ip ?? null, userAgent: req.get("user-agent") ?? null },
        "github",
        parsed.data,
      );
      // Counts only: the tokens themselves never reach a log.
      req.log.info(
        {
          matches: labels.length,
          truePositives: labels.filter((l) => l.label === "true_positive").length,
        },
        "secret-scanning report worked",
      );
      res.status(200).json(labels);
    }),
  );
  return router;
}
