import { CompromiseReportInput, DomainError } from "@trustdesk/domain";
import type { ServiceDeps } from "@trustdesk/services";
import { authenticateServiceToken, recordActivity, reportCompromise } from "@trustdesk/services";
import express from "express";
import { buildOpenApiDocument } from "./openapi.ts";
import { bearerToken, restHandler } from "./rest-errors.ts";

export const REST_MAX_BODY_BYTES = 1024 * 1024;

/** REST for machines: internal systems of the email service, authenticated by scoped service tokens. */
export function v1Router(deps: ServiceDeps): express.Router {
  const v1 = express.Router();
  const openapi = buildOpenApiDocument();
  v1.get("/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  v1.use(express.json({ limit: REST_MAX_BODY_BYTES }));

  v1.post(
    "/activity",
    restHandler(async (req, res) => {
      const principal = await authenticateServiceToken(deps, bearerToken(req), "activity:write");
      const result = await recordActivity(deps, principal, req.body);
      // 200 all recorded (or already recorded); 207 some items refused; 400 every item refused.
      const status = result.rejected.length === 0 ? 200 : result.accepted + result.duplicates > 0 ? 207 : 400;
      res.status(status).json(result);
    }),
  );
  v1.post(
    "/compromise-reports",
    restHandler(async (req, res) => {
      const principal = await authenticateServiceToken(deps, bearerToken(req), "compromise:write");
      const parsed = CompromiseReportInput.safeParse(req.body);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const i of parsed.error.issues) fields[i.path.join(".") || "body"] ??= i.message;
        throw new DomainError("VALIDATION", "The compromise report is invalid.", { fields });
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
  return v1;
}
