import { type Request, type Response } from "botbuilder";
import { type CommandContext, type Logger } from "../commands/context";
import { type Config } from "../config";
import { type BotAdapter, createBotAdapter, describeError } from "./adapter";
import { describeEnvelopeProblem } from "./activityEnvelope";
import { createBotLogic } from "./bot";
import { type CardLinks } from "./cards";
import { cardLinksFor } from "./cardLinks";

/** The HTTP shapes botbuilder needs; Express's request and response satisfy them. */
export type BotHttpRequest = Request;
export type BotHttpResponse = Response;
export type BotRequestHandler = (req: BotHttpRequest, res: BotHttpResponse) => Promise<void>;

export interface BotEndpointDeps {
  config: Pick<Config, "bot" | "teamsAppId" | "mode" | "publicUrl">;
  ctx: CommandContext;
  /** The bot's logger (e.g. a pino child); defaults to the command context's. */
  logger?: Logger;
  /** Share one adapter with the proactive sender; built from `config.bot` when absent. */
  adapter?: BotAdapter;
  /** Overrides the links cards point at (tests, or a custom tab URL). */
  links?: CardLinks;
  /** Where `MicrosoftAppPassword` is read from for a SingleTenant secret (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** How long an invoke may run before Teams gets a fallback answer (default INVOKE_DEADLINE_MS, 4 s). */
  invokeDeadlineMs?: number;
}

/**
 * The handler to mount at `POST /api/messages`, after a JSON body parser. A body that is
 * not an activity gets 400 with the first problem (botbuilder would otherwise answer 500
 * or throw), auth failures get 401 from the adapter, and nothing escapes as an unhandled
 * rejection.
 */
export function createBotEndpoint(deps: BotEndpointDeps): BotRequestHandler {
  const log = deps.logger ?? deps.ctx.log;
  const bot = deps.adapter ?? createBotAdapter({ bot: deps.config.bot, log, env: deps.env });
  // Library items (queued cases) open through the commands' links unless the caller gives its own.
  const links: CardLinks = { artifact: (communityId, artifactId) => deps.ctx.links.artifact(communityId, artifactId), ...(deps.links ?? cardLinksFor(deps.config)) };
  const logic = createBotLogic({ ctx: deps.ctx, log, links, invokeDeadlineMs: deps.invokeDeadlineMs });
  return async (req, res) => {
    // Cheap first gate with a configured identity: no token, no entry (botbuilder would say the same, later and on the console).
    if (bot.mode === "authenticated" && !hasBearerToken(req)) {
      log.warn({ event: "bot_unauthorized" }, "rejected an unsigned activity");
      reply(res, 401, "unauthorized", "Sign the activity: this bot accepts only requests with a Bot Framework token.");
      return;
    }
    const problem = describeEnvelopeProblem(req.body);
    if (problem) {
      log.warn({ event: "bot_bad_request", problem }, "rejected a request that is not an activity");
      reply(res, 400, "bad_request", `This is not a Bot Framework activity. ${problem}.`);
      return;
    }
    try {
      await bot.adapter.process(req, res, logic);
    } catch (error) {
      log.error({ event: "bot_request_failed", err: describeError(error) }, "the bot endpoint failed");
      if (!(res as { headersSent?: boolean }).headersSent) reply(res, 500, "internal", "The bot could not process this activity.");
    }
  };
}

function hasBearerToken(req: BotHttpRequest): boolean {
  const header = req.headers.authorization ?? req.headers.Authorization;
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === "string" && /^Bearer\s+\S+/i.test(value.trim());
}

/** Errors in the body shape the rest of the API uses (`{ error: { code, message } }`). */
function reply(res: BotHttpResponse, status: number, code: string, message: string): void {
  res.status(status);
  res.send({ error: { code, message } });
  res.end();
}
