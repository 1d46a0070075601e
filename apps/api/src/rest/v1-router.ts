import type { ServiceDeps } from "@trustdesk/services";
import { authenticateServiceToken, recordActivity } from "@trustdesk/services";
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
  return v1;
}
