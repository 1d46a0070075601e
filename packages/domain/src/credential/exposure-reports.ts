import { z } from "zod";
import { isoTimestamp, safeText } from "../text/safe-text.ts";
import { API_KEY_PATTERN } from "./api-key.ts";

/**
 * What the code host's secret-scanning partner program sends: a JSON array of matches, each with the
 * token as found, the token type we registered, where it was seen and in what kind of content.
 */
export const SECRET_SCANNING_MAX_MATCHES = 1000;
export const SecretScanningMatch = z.object({
  token: z.string("token is required").max(1000, "token is at most 1000 characters"),
  type: z.string("type is required").max(200, "type is at most 200 characters"),
  url: safeText({
    min: 1,
    max: 2000,
    required: "url is required",
    tooShort: "url is required",
    tooLong: "url is at most 2000 characters",
  }),
  source: z.string().max(100, "source is at most 100 characters").optional(),
});
export type SecretScanningMatch = z.infer<typeof SecretScanningMatch>;
export const SecretScanningReport = z
  .array(SecretScanningMatch, "The body is a JSON array of matches")
  .min(1, "Send at least one match")
  .max(SECRET_SCANNING_MAX_MATCHES, `At most ${SECRET_SCANNING_MAX_MATCHES} matches per request`);

/**
 * Our answer, as partners answer: one label per token, the token named by its SHA-256 (hex) so the
 * secret never travels back. `true_positive`: a key we issued (now revoked); `false_positive`: not.
 */
export const SecretScanningLabel = z.object({
  token_hash: z.string(),
  token_type: z.string(),
  label: z.enum(["true_positive", "false_positive"]),
});
export type SecretScanningLabel = z.infer<typeof SecretScanningLabel>;

/** The code host's published signing keys: `{ public_keys: [{ key_identifier, key, is_current }] }`. */
export const PartnerPublicKeysDocument = z.object({
  public_keys: z
    .array(
      z.object({
        key_identifier: z.string().min(1),
        key: z.string().min(1).describe("PEM (SPKI) of an ECDSA P-256 public key"),
        is_current: z.boolean().optional(),
      }),
    )
    .min(1),
});

/** An internal scanner's report of a key it found (`POST /v1/exposures`). */
export const ExposureReportInput = z.object({
  findingId: safeText({
    min: 1,
    max: 200,
    required: "findingId is required",
    tooShort: "findingId is required",
    tooLong: "findingId is at most 200 characters",
  }).describe("the scanner's own id for this finding: a retry with the same id records nothing new"),
  key: z
    .string("key is required")
    .regex(API_KEY_PATTERN, "key must be an API key as found: SG. + 22 + . + 43 base64url characters"),
  location: safeText({
    min: 1,
    max: 2000,
    required: "Say where the key was found",
    tooShort: "Say where the key was found",
    tooLong: "location is at most 2000 characters",
  }).describe("where the key was seen: a URL, a path and line, a log stream"),
  foundAt: isoTimestamp("Use an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z").optional(),
});
export type ExposureReportInput = z.infer<typeof ExposureReportInput>;

export const ExposureReportResult = z.object({
  findingId: z.string(),
  status: z
    .enum(["revoked", "already_revoked", "unknown_key"])
    .describe("unknown_key: our format, but no key we issued (counted, never stored)"),
  keyPrefix: z.string().nullable().describe("SG. + the public key id of the matched key"),
  caseNumber: z.string().nullable(),
  created: z.boolean().describe("false when this findingId was already processed: a retry changes nothing"),
});
export type ExposureReportResult = z.infer<typeof ExposureReportResult>;
