import {
  ActivityBatchResult,
  ActivityEvent,
  CompromiseReportInput,
  CompromiseReportResult,
  ExposureReportInput,
  ExposureReportResult,
  MAX_ACTIVITY_BATCH,
  SecretScanningLabel,
  SecretScanningMatch,
} from "@trustdesk/domain";
import { z } from "zod";

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    status: z.number().int(),
    message: z.string().describe("a sentence a person can act on"),
    requestId: z.string(),
    fields: z.record(z.string(), z.string()).optional().describe("failing field → message"),
  }),
});

const schema = (s: z.ZodType, io: "input" | "output" = "input") =>
  z.toJSONSchema(s, { io, unrepresentable: "any" });

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        description:
          {
            400: "invalid input",
            401: "missing or invalid token",
            403: "token lacks the scope",
            413: "body too large",
            415: "not JSON, a charset other than UTF-8, or an unsupported Content-Encoding",
          }[s] ?? "error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );

/** The REST surface, generated from the same zod schemas that validate it. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Trustdesk integrations API",
      version: "1",
      description:
        "For internal systems of the email service. Authenticate with a service token: `Authorization: Bearer tdsvc_…` (checked before the body is read). Send JSON as UTF-8, uncompressed or with gzip, deflate or br. Text fields refuse control characters (NUL…) and lone UTF-16 surrogates; date-times are ISO 8601 with an offset, in the years 2000–2100.",
    },
    servers: [{ url: "/v1" }],
    components: {
      securitySchemes: { serviceToken: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: schema(ErrorBody, "output"),
        ActivityEvent: schema(ActivityEvent),
        ActivityBatchResult: schema(ActivityBatchResult, "output"),
        CompromiseReport: schema(CompromiseReportInput),
        CompromiseReportResult: schema(CompromiseReportResult, "output"),
        ExposureReport: schema(ExposureReportInput),
        ExposureReportResult: schema(ExposureReportResult, "output"),
        SecretScanningMatch: schema(SecretScanningMatch),
        SecretScanningLabel: schema(SecretScanningLabel, "output"),
      },
    },
    security: [{ serviceToken: [] }],
    paths: {
      "/activity": {
        post: {
          summary: "Record activity events (scope activity:write)",
          description: `Up to ${MAX_ACTIVITY_BATCH} events. Idempotent on eventId. Each event is validated on its own: good ones are kept, bad ones reported by index.`,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["events"],
                  properties: {
                    events: {
                      type: "array",
                      maxItems: MAX_ACTIVITY_BATCH,
                      items: { $ref: "#/components/schemas/ActivityEvent" },
                    },
                  },
                },
              },
            },
          },
          responses: {
            "200": {
              description: "every event recorded (or already recorded)",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/ActivityBatchResult" } },
              },
            },
            "207": {
              description: "some events refused (see rejected); the others were recorded",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/ActivityBatchResult" } },
              },
            },
            ...errors(400, 401, 403, 413, 415),
          },
        },
      },
      "/compromise-reports": {
        post: {
          summary: "Report an account takeover (scope compromise:write)",
          description:
            "Suspends the account at once (sending and API blocked, every session revoked, every API key disabled), opens a case with the hotline number and emails the customer — in one transaction. Idempotent on reportId.",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/CompromiseReport" } } },
          },
          responses: {
            "201": {
              description: "report recorded; account suspended",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/CompromiseReportResult" } },
              },
            },
            "200": {
              description: "this reportId was already processed: nothing new was created",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/CompromiseReportResult" } },
              },
            },
            "404": {
              description: "no such account",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
            },
            "409": {
              description: "reportId already used for another account",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
            },
            ...errors(400, 401, 403, 413, 415),
          },
        },
      },
      "/exposures": {
        post: {
          summary: "Report an API key found by one of our scanners (scope exposure:write)",
          description:
            "A key we issued is revoked at once, the exposure recorded, the account restricted with an exposed-credentials case and the customer emailed. A key of our format that we never issued is answered unknown_key and not stored. Idempotent on findingId (per token).",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/ExposureReport" } } },
          },
          responses: {
            "201": {
              description: "finding recorded",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/ExposureReportResult" } },
              },
            },
            "200": {
              description: "this findingId was already processed: nothing new was recorded",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/ExposureReportResult" } },
              },
            },
            ...errors(400, 401, 403, 413, 415),
          },
        },
      },
      "/secret-scanning/github": {
        post: {
          summary: "The code host's secret-scanning partner webhook",
          description:
            "Not for service tokens: authenticated by an ECDSA P-256/SHA-256 signature over the raw body (headers Github-Public-Key-Identifier and Github-Public-Key-Signature, base64 DER) with a key the code host publishes. A bad signature or an unpublished key is a 401 and nothing is recorded. The answer labels each token (named by its SHA-256) true_positive or false_positive.",
          security: [],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { type: "array", items: { $ref: "#/components/schemas/SecretScanningMatch" } },
              },
            },
          },
          responses: {
            "200": {
              description: "one label per token",
              content: {
                "application/json": {
                  schema: { type: "array", items: { $ref: "#/components/schemas/SecretScanningLabel" } },
                },
              },
            },
            ...errors(400, 401, 413),
          },
        },
      },
    },
  };
}
