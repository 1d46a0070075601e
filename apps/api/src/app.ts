import { existsSync } from "node:fs";
import { join } from "node:path";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import { isDatabaseUnavailable } from "@trustdesk/db";
import { ATTACHMENT_PROCEDURES, ATTACHMENT_REQUEST_MAX_BYTES } from "@trustdesk/domain";
import { checkDatabase, type ServiceDeps } from "@trustdesk/services";
import { appRouter } from "@trustdesk/trpc";
import express, { type NextFunction, type Request, type Response } from "express";
import type { AppConfig } from "./config.ts";
import { attachmentDownload } from "./http/attachment-download.ts";
import { requestRefusal } from "./http/body-errors.ts";
import { sessionCookies } from "./http/cookies.ts";
import { csrfProtection } from "./http/csrf.ts";
import { requestContext } from "./http/request-context.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { trpcRequestGuard } from "./http/trpc-request-guard.ts";
import type { Logger } from "./logger.ts";
import { errorBody } from "./rest/rest-errors.ts";
import { type PartnerKeySource, partnerPublicKeys } from "./rest/secret-scanning-webhook.ts";
import { v1Router } from "./rest/v1-router.ts";

export const TRPC_MAX_BODY_BYTES = 256 * 1024;
/** Only for the calls that carry files (a reply with attachments, in base64): see `domain`. */
export const TRPC_ATTACHMENT_MAX_BODY_BYTES = ATTACHMENT_REQUEST_MAX_BYTES;
export const TRPC_MAX_BATCH = 20;

type HostConfig = Pick<
  AppConfig,
  "production" | "publicUrl" | "secretKey" | "cookieSecure" | "trustProxy" | "portalDist" | "dashboardDist"
> & {
  /** Where the code host's secret-scanning signing keys come from (no webhook without it). */
  secretScanning?: PartnerKeySource;
};

/**
 * The HTTP host: security middleware, the tRPC router at /trpc, REST under /v1, health checks and
 * the two built SPAs (portal at /, dashboard at /agent/). No business logic lives here.
 */
export function createApp(deps: ServiceDeps, config: HostConfig, logger: Logger): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(requestContext(logger));
  app.use(securityHeaders(config.production));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (req, res) => {
    try {
      await checkDatabase(deps);
      res.json({ status: "ready" });
    } catch (error) {
      req.log.warn({ err: error }, "readiness check failed");
      res.status(503).json(errorBody(req, 503, "DATABASE_UNAVAILABLE", "The database is not reachable."));
    }
  });

  const allowedOrigins = allowedOriginsFor(config.publicUrl, config.production);
  app.use("/trpc", csrfProtection(config.secretKey, allowedOrigins, config.cookieSecure));
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  app.use("/trpc", trpcRequestGuard);
  const trpcHandler = (maxBodySize: number) =>
    createExpressMiddleware({
      router: appRouter,
      maxBodySize,
      // A batch is many calls in one request; bound it so one request cannot carry unbounded work.
      maxBatchSize: TRPC_MAX_BATCH,
      createContext: ({ req, res }) => ({
        deps,
        meta: { requestId: req.id, ip: req.ip ?? null, userAgent: req.get("user-agent") ?? null },
        cookies: sessionCookies(req, res, config.cookieSecure),
        csrfOk: req.csrfOk,
        reportBackgroundError: (err, what) => (req.log ?? logger).error({ err }, what),
      }),
      onError: ({ error, req, path }) => {
        const log = (req as Request).log ?? logger;
        if (error.code === "INTERNAL_SERVER_ERROR")
          log.error({ err: error.cause ?? error, path }, "unhandled error in procedure");
        else if (error.code === "SERVICE_UNAVAILABLE") log.warn({ path }, "database unavailable");
        else log.info({ path, code: error.code }, "procedure refused");
      },
    });
  const smallBodies = trpcHandler(TRPC_MAX_BODY_BYTES);
  const fileBodies = trpcHandler(TRPC_ATTACHMENT_MAX_BODY_BYTES);
  app.use("/trpc", (req, res, next) => {
    // The larger limit only when every call of the request is one that carries files.
    const paths = req.path.replace(/^\//, "").split(",");
    const carriesFiles = paths.every((p) => ATTACHMENT_PROCEDURES.includes(p));
    return (carriesFiles ? fileBodies : smallBodies)(req, res, next);
  });

  // Ticket attachments: a download for whoever may see the ticket (its own session check).
  app.get("/attachments/:attachmentId", attachmentDownload(deps));

  app.use(
    "/v1",
    v1Router(deps, config.secretScanning ? { partnerKeys: partnerPublicKeys(config.secretScanning) } : {}),
  );
  app.use("/v1", (req, res) => {
    res
      .status(404)
      .json(errorBody(req, 404, "NOT_FOUND", `No endpoint ${req.method} ${req.originalUrl.split("?")[0]}.`));
  });

  serveSpa(app, "/agent", config.dashboardDist);
  serveSpa(app, "/", config.portalDist);

  app.use((req: Request, res: Response) => {
    res.status(404).json(errorBody(req, 404, "NOT_FOUND", "Not found."));
  });
  // Last resort: the caller's mistakes found before any handler (body parsing: malformed JSON,
  // charset, Content-Encoding, size; a URL that does not decode) in the API's error shape, and bugs.
  // Never a stack trace to the client.
  app.use((error: Error, req: Request, res: Response, _next: NextFunction) => {
    const refusal = requestRefusal(error, req);
    if (refusal) {
      req.log.info({ status: refusal.status, reason: error.message }, "request refused");
      res.status(refusal.status).json(errorBody(req, refusal.status, refusal.code, refusal.message));
      return;
    }
    if (isDatabaseUnavailable(error)) {
      // A restart or failover of PostgreSQL: nothing was committed; the caller retries (REST callers
      // retry 503s with their idempotency keys).
      req.log.warn({ code: (error as { code?: string }).code }, "database unavailable");
      res
        .status(503)
        .set("Retry-After", "5")
        .json(
          errorBody(
            req,
            503,
            "SERVICE_UNAVAILABLE",
            "Trustdesk is briefly unavailable. Try again in a moment.",
          ),
        );
      return;
    }
    req.log.error({ err: error }, "unhandled error");
    res
      .status(500)
      .json(
        errorBody(
          req,
          500,
          "INTERNAL_SERVER_ERROR",
          `Something went wrong on our side. Quote request id ${req.id}.`,
        ),
      );
  });
  return app;
}

/**
 * Origins allowed to change state. In production only the public URL's. Locally, `localhost` and
 * `127.0.0.1` name the same server, and the Vite dev servers (5173, 5174) proxy to it.
 */
export function allowedOriginsFor(publicUrl: string, production: boolean): string[] {
  const url = new URL(publicUrl);
  if (production) return [url.origin];
  const loopback = ["localhost", "127.0.0.1", "[::1]"];
  const ports = [url.port || (url.protocol === "https:" ? "443" : "80"), "5173", "5174"];
  const local = loopback.includes(url.hostname)
    ? loopback.flatMap((h) => ports.map((p) => `${url.protocol}//${h}:${p}`))
    : [];
  return [...new Set([url.origin, ...local])];
}

/** Static assets with long caching (Vite fingerprints them) and index.html for client-side routes. */
function serveSpa(app: express.Express, mount: string, dist: string) {
  const index = join(dist, "index.html");
  if (!existsSync(index)) return;
  app.use(mount, express.static(dist, { index: false, immutable: true, maxAge: "365d" }));
  const fallback = (_req: Request, res: Response) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  };
  if (mount === "/") app.get("/{*splat}", fallback);
  else app.get([mount, `${mount}/{*splat}`], fallback);
}
