import {
  CompromiseReportInput,
  DomainError,
  describeFieldErrors,
  ExposureReportInput,
  parseFields,
  type ServiceScope,
} from "@trustdesk/domain";
import type { PartnerPublicKeys, ServiceDeps, ServicePrincipal } from "@trustdesk/services";
import {
  authenticateServiceToken,
  recordActivity,
  reportCompromise,
  reportExposure,
} from "@trustdesk/services";
import express, { type NextFunction, type Request, type Response } from "express";
import { buildOpenApiDocument } from "./openapi.ts";
import { bearerToken, errorBody, restHandler } from "./rest-errors.ts";
import { secretScanningWebhook } from "./secret-scanning-webhook.ts";

export const REST_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Checks the service token and its scope before anything reads the body: a caller without a valid
 * token costs us a hash and one indexed lookup, never the parsing of up to a megabyte of JSON.
 */
function serviceToken(deps: ServiceDeps, scope: ServiceScope) {
  return restHandler(async (req, res, next) => {
    res.locals.principal = await authenticateServiceToken(deps, bearerToken(req), scope);
    next();
  });
}

/** The endpoints take JSON; any other declared media type is refused before reading (415). */
function requireJson(req: Request, res: Response, next: NextFunction): void {
  if (req.is("application/json") === false) {
    res
      .status(415)
      .json(
        errorBody(
          req,
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Send the body as JSON: Content-Type: application/json; charset=utf-8.",
        ),
      );
    return;
  }
  next();
}

function principalOf(res: Response): ServicePrincipal {
  return res.locals.principal as ServicePrincipal;
}

/** REST for machines: internal systems of the email service, authenticated by scoped service tokens. */
export function v1Router(
  deps: ServiceDeps,
  options: { partnerKeys?: PartnerPublicKeys } = {},
): express.Router {
  const v1 = express.Router();
  // The code host's partner webhook: authenticated by its signature, not by a service token.
  if (options.partnerKeys) v1.use(secretScanningWebhook(deps, options.partnerKeys));
  const openapi = buildOpenApiDocument();
  v1.get("/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  // Only after the token (see serviceToken). JSON only; its errors (malformed JSON, a charset other
  // than UTF-8, a corrupt or unknown Content-Encoding, too large) are shaped by the host's handler.
  const jsonBody = [requireJson, express.json({ limit: REST_MAX_BODY_BYTES })];

  v1.post(
    "/activity",
    serviceToken(deps, "activity:write"),
    jsonBody,
    restHandler(async (req, res) => {
      const result = await recordActivity(deps, principalOf(res), req.body);
      // 200 all recorded (or already recorded); 207 some items refused; 400 every item refused.
      const status = result.rejected.length === 0 ? 200 : result.accepted + result.duplicates > 0 ? 207 : 400;
      res.status(status).json(result);
    }),
  );
  v1.post(
    "/compromise-reports",
    serviceToken(deps, "compromise:write"),
    jsonBody,
    restHandler(async (req, res) => {
      const principal = principalOf(res);
      const parsed = parseFields(CompromiseReportInput, req.body);
      if (!parsed.ok) {
        throw new DomainError(
          "VALIDATION",
          `The compromise report is invalid: ${describeFieldErrors(parsed.fields)}.`,
          { fields: parsed.fields },
        );
      }
      const result = await reportCompromise(
        deps,
        { type: "service", name: principal.name, tokenId: principal.tokenId },
        { requestId: req.id, ip: req.ip ?? null, userAgent: req.get("user-agent") ?? null },
        parsed.data,
      );
      // 201 for a new report; 200 when this report id was already processed (nothing new created).
      res.status(result.created ? 201 : 200).json(result);
    }),
  );
  v1.post(
    "/exposures",
    serviceToken(deps, "exposure:write"),
    jsonBody,
    restHandler(async (req, res) => {
      const principal = principalOf(res);
      const parsed = parseFields(ExposureReportInput, req.body);
      if (!parsed.ok) {
        throw new DomainError(
          "VALIDATION",
          `The exposure report is invalid: ${describeFieldErrors(parsed.fields)}.`,
          { fields: parsed.fields },
        );
      }
      const result = await reportExposure(
        deps,
        principal,
        { requestId: req.id, ip: req.ip ?? null, userAgent: req.get("user-agent") ?? null },
        parsed.data,
      );
      // 201 for a new finding; 200 when this finding id was already processed (nothing new recorded).
      res.status(result.created ? 201 : 200).json(result);
    }),
  );
  return v1;
}
