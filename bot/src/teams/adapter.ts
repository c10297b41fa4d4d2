import { type Activity, CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, StatusCodes, type TurnContext } from "botbuilder";
import { AuthenticationConstants, AuthenticationError } from "botframework-connector";
import { type Logger } from "../commands/context";
import { isAppError } from "../domain/errors";

/** The bot identity from config (`config.bot`): no app id means local mode. */
export interface BotIdentity {
  appId?: string;
  appType?: "UserAssignedMSI" | "SingleTenant" | "MultiTenant";
  tenantId?: string;
}

/** The adapter and the app id it speaks as; the endpoint and the proactive sender share one. */
export interface BotAdapter {
  readonly adapter: CloudAdapter;
  /** Empty in local mode, which is what botbuilder expects for anonymous continuation. */
  readonly appId: string;
  /** `local` accepts unsigned activities (Agents Playground); `authenticated` requires a Bot Framework token. */
  readonly mode: "local" | "authenticated";
}

export interface BotAdapterOptions {
  bot: BotIdentity;
  log: Logger;
  /** Read for `MicrosoftAppPassword` only, and only for a SingleTenant (or legacy MultiTenant) secret. */
  env?: NodeJS.ProcessEnv;
  /**
   * Tests only: check inbound Bot Framework tokens against a key endpoint on this machine
   * instead of the Bot Framework's. Never read from the environment: only code passes it
   * (startServer's `botChannelTokens` option, which Azure mode refuses), and only a loopback URL.
   */
  channelTokens?: ChannelTokenSource;
}

/** Where channel tokens' keys are published (an OpenID metadata document) and the issuer they carry. */
export interface ChannelTokenSource {
  openIdMetadataUrl: string;
  issuer: string;
}

/** What the person sees when a turn fails: short, no detail, and they know to try again. */
export const APOLOGY_TEXT = "Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.";

/**
 * Builds the CloudAdapter with ConfigurationBotFrameworkAuthentication from our config.
 * Without an app id authentication is disabled (local mode, the Agents Playground); with
 * one, every inbound activity must carry a valid Bot Framework token, so an unsigned
 * POST gets 401. A managed identity needs no secret; a SingleTenant app reads its secret
 * from the environment only, never from config files.
 */
export function createBotAdapter(options: BotAdapterOptions): BotAdapter {
  const { bot, log } = options;
  const env = options.env ?? process.env;
  const appId = bot.appId?.trim() ?? "";
  const appType = appId ? (bot.appType ?? "UserAssignedMSI") : undefined;
  const password = appType === "SingleTenant" || appType === "MultiTenant" ? env.MicrosoftAppPassword?.trim() || undefined : undefined;
  if (appType === "SingleTenant" && !password) {
    throw new Error("MicrosoftAppPassword: required for a SingleTenant bot with a client secret; set it in the environment, or use MicrosoftAppType=UserAssignedMSI.");
  }

  const auth = new TokenRefusalsAre401(
    appId ? { MicrosoftAppId: appId, MicrosoftAppType: appType, MicrosoftAppTenantId: bot.tenantId, MicrosoftAppPassword: password, ...localChannelTokens(options.channelTokens) } : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = (turn, error) => handleTurnError(turn, error, log);
  return { adapter, appId, mode: appId ? "authenticated" : "local" };
}

/**
 * The public cloud's settings with only the inbound token check pointed at a local key
 * endpoint (botbuilder needs every setting once one of them is custom).
 */
function localChannelTokens(source: ChannelTokenSource | undefined): Record<string, string> {
  if (!source) return {};
  const host = new URL(source.openIdMetadataUrl).hostname;
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]") throw new Error("channelTokens: the key endpoint must be on this machine (a loopback address); it exists for tests only.");
  return {
    ToBotFromChannelOpenIdMetadataUrl: source.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: source.issuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** jsonwebtoken's own refusals, which botbuilder lets escape as they are. */
const TOKEN_ERRORS = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/**
 * botbuilder answers a token with a bad signature, `alg: none` or a future `nbf` with a 500
 * (it rethrows jsonwebtoken's error, and CloudAdapter gives 401 only for its own
 * AuthenticationError). A refused token is the caller's problem: 401.
 */
class TokenRefusalsAre401 extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>) {
    try {
      return await super.authenticateRequest(...args);
    } catch (error) {
      if (error instanceof Error && TOKEN_ERRORS.has(error.name)) throw new AuthenticationError(`The Bot Framework token was refused: ${error.message}.`, StatusCodes.UNAUTHORIZED);
      throw error;
    }
  }
}

/**
 * Logs a failed turn and apologises where someone is waiting for an answer. Logs carry
 * the activity's kind and the error, never what people wrote or who wrote it, so an
 * anonymous share cannot leak through the logs. Never throws: one bad turn must not
 * take the server down.
 */
async function handleTurnError(turn: TurnContext, error: unknown, log: Logger): Promise<void> {
  const activity: Partial<Activity> = turn.activity ?? {};
  log.error(
    {
      event: "bot_turn_failed",
      activityType: activity.type,
      activityName: activity.name,
      conversationType: activity.conversation?.conversationType,
      channelId: activity.channelId,
      err: describeError(error),
    },
    "bot turn failed",
  );
  if (activity.type !== "message" && activity.type !== "conversationUpdate") return;
  try {
    await turn.sendActivity(APOLOGY_TEXT);
  } catch (sendError) {
    log.warn({ event: "bot_apology_failed", err: describeError(sendError) }, "could not tell the user about a failed turn");
  }
}

/** The parts of an error worth logging: kind, stable code, message and stack. */
export function describeError(error: unknown): Record<string, unknown> {
  if (isAppError(error)) return { name: error.name, code: error.code, status: error.status, message: error.message };
  if (error instanceof Error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    return { name: error.name, message: error.message, ...(typeof status === "number" ? { status } : {}), stack: error.stack };
  }
  return { name: "NonError", type: typeof error };
}
