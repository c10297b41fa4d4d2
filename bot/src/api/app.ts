import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import compression from "compression";
import express, { type Request, type RequestHandler, type Response } from "express";
import { type Logger } from "pino";
import { pinoHttp } from "pino-http";
import { type CommandContext } from "../commands/context";
import { type HealthResponse } from "../contracts";
import { resolveDevIdentity } from "../commands/devIdentityResolver";
import { authenticate } from "./auth";
import { authFailureLimit, perUserLimit, type Limits } from "./limits";
import { errorHandler, notFoundHandler } from "./errors";
import { artifactRoutes } from "./routes/artifacts";
import { buddyRoutes } from "./routes/buddies";
import { charterRoutes } from "./routes/charter";
import { communityRoutes } from "./routes/communities";
import { devRoutes, devRoutesRefused, type DevTools } from "./routes/dev";
import { insightsRoutes } from "./routes/insights";
import { practiceRoutes } from "./routes/practices";
import { sessionRoutes } from "./routes/sessions";
import { securityHeaders } from "./security";
import { withWriteTracking } from "../store";

export interface AppDeps {
  ctx: CommandContext;
  logger: Logger;
  /** True only in local mode on loopback with no Entra app. */
  devIdentity: boolean;
  /** Passed through to the auth middleware (audiences, authority, tenants). */
  auth: Parameters<typeof authenticate>[0]["config"];
  ping(): Promise<boolean>;
  /** The bot endpoint (botbuilder lives in teams/; the app only mounts it). */
  botHandler: (req: Request, res: Response) => Promise<void>;
  /** The built tab (tab/dist). */
  tabDir: string;
  /** Local mode's clock control (with the dev identity only). */
  devTools: DevTools;
  limits: Limits;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The one Express app: health, bot endpoint, the tab's API and the built tab, on one origin. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", 1);

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      // Method, path and status only: no headers (tokens) and no bodies (member text).
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split("?")[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
      autoLogging: { ignore: (req) => req.url === "/healthz" },
    }),
  );
  app.use(securityHeaders({ allowHttp: deps.devIdentity }));
  app.use(express.json({ limit: "1mb", type: ["application/json", "application/*+json"] }));

  app.get("/healthz", async (_req, res) => {
    const ok = await deps.ping().catch(() => false);
    const body: HealthResponse = { status: ok ? "ok" : "unavailable" };
    res.status(ok ? 200 : 503).json(body);
  });

  app.post("/api/messages", deps.botHandler);

  app.use("/api/dev", deps.devIdentity ? devRoutes(deps.ctx, deps.devTools) : devRoutesRefused());

  const findDevUser = (userId: string) => resolveDevIdentity(deps.ctx, userId);
  const api = express.Router();
  api.use(authFailureLimit(deps.limits));
  api.use(authenticate({ config: deps.auth, devIdentity: deps.devIdentity, findDevUser }));
  api.use(perUserLimit(deps.limits));
  // A 503 after one of the request's writes was saved must not tell the person that nothing was.
  api.use((_req, _res, next) => withWriteTracking(next));
  for (const router of apiRouters(deps.ctx)) api.use(router);
  app.use("/api", api, notFoundHandler);

  app.use(serveTab(deps.tabDir));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/** The tab's API, one router per area, each mounted under /api after authentication. */
export function apiRouters(ctx: CommandContext): express.Router[] {
  return [communityRoutes(ctx), artifactRoutes(ctx), sessionRoutes(ctx), buddyRoutes(ctx), practiceRoutes(ctx), insightsRoutes(ctx), charterRoutes(ctx)];
}

/** Every API route as "METHOD /api/path" (for the hardening tests, which must cover each one). */
export function listApiRoutes(ctx: CommandContext): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  for (const router of apiRouters(ctx)) {
    for (const layer of router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
      if (!layer.route) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== "_all") routes.push({ method: method.toUpperCase(), path: `/api${layer.route.path}` });
    }
  }
  return routes;
}

/** Serves the built tab; any other GET that is not a file gets index.html (client-side routes). */
function serveTab(tabDir: string): RequestHandler {
  const index = join(tabDir, "index.html");
  const statics = express.static(tabDir, { index: false, maxAge: "1h" });
  // The tab's scripts are about a quarter of their size gzipped; App Service does not compress for us.
  const compress = compression();
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    compress(req, res, () => statics(req, res, () => {
      if (!existsSync(index)) {
        res.status(503).type("text/plain").send("The tab has not been built yet. Run `npm run build:tab` (npm start does it for you) and reload.");
        return;
      }
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(index);
    }));
  };
}
