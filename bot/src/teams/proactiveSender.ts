import { type Activity, CardFactory, type ConversationReference, MessageFactory } from "botbuilder";
import { z } from "zod";
import { type Logger } from "../commands/context";
import { type Config } from "../config";
import { type BotAdapter, createBotAdapter, describeError } from "./adapter";
import { type AdaptiveCard } from "./cards";

/**
 * What became of one proactive send, in the terms the scheduler acts on (Platform facts):
 * `gone` → drop the stored conversation (403 bot removed, 404 conversation gone);
 * `throttled` → wait `retryAfterSeconds` (429 Retry-After); `failed` + retryable →
 * back off with jitter (412/502/503/504, network); `failed` otherwise → give up.
 */
export type SendOutcome =
  | { status: "sent"; activityId?: string }
  | { status: "gone"; httpStatus: 403 | 404 }
  | { status: "throttled"; retryAfterSeconds: number }
  | { status: "failed"; retryable: boolean; httpStatus?: number };

export interface ProactiveSender {
  /** Posts a card as a new message in the conversation the reference points at. */
  sendCard(reference: Record<string, unknown>, card: AdaptiveCard): Promise<SendOutcome>;
  /** Posts plain text (for short nudges). */
  sendText(reference: Record<string, unknown>, text: string): Promise<SendOutcome>;
}

export interface ProactiveSenderDeps {
  config: Pick<Config, "bot">;
  logger: Logger;
  /** Share the endpoint's adapter; built from `config.bot` when absent. */
  adapter?: BotAdapter;
  env?: NodeJS.ProcessEnv;
}

/** The fields a stored reference must have for the connector to be reachable at all. */
const StoredReference = z.looseObject({
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

/** Without Retry-After, wait this long after a 429 (Teams allows ~7 sends/s per conversation). */
const DEFAULT_RETRY_AFTER_SECONDS = 1;
const RETRYABLE = new Set([408, 412, 500, 502, 503, 504]);

/**
 * Sends messages outside a turn (reminders, nudges) through
 * `adapter.continueConversationAsync` with a reference stored at install. It never
 * throws for delivery problems: it reports an outcome, so the job runner decides what
 * to retry and what to drop.
 */
export function createProactiveSender(deps: ProactiveSenderDeps): ProactiveSender {
  const bot = deps.adapter ?? createBotAdapter({ bot: deps.config.bot, log: deps.logger, env: deps.env });
  const log = deps.logger;

  async function send(reference: Record<string, unknown>, activity: Partial<Activity>): Promise<SendOutcome> {
    const parsed = StoredReference.safeParse(reference);
    if (!parsed.success) {
      log.warn({ event: "proactive_bad_reference" }, "a stored conversation reference is unusable");
      return { status: "failed", retryable: false };
    }
    let activityId: string | undefined;
    let failure: { error: unknown } | undefined;
    try {
      await bot.adapter.continueConversationAsync(bot.appId, parsed.data as unknown as Partial<ConversationReference>, async (turn) => {
        // The continuation turn carries a made-up activity id; left in place, the message would go out as a reply to it.
        turn.activity.id = undefined;
        // Caught here: an error inside the turn would otherwise go to onTurnError and never reach us.
        try {
          activityId = (await turn.sendActivity(activity))?.id;
        } catch (error) {
          failure = { error };
        }
      });
    } catch (error) {
      failure = { error };
    }
    if (!failure) return { status: "sent", activityId };
    const outcome = classify(failure.error);
    log.warn({ event: "proactive_send_failed", outcome, err: describeError(failure.error) }, "a proactive message was not delivered");
    return outcome;
  }

  return {
    sendCard: (reference, card) => {
      const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      if (card.fallbackText) message.summary = card.fallbackText;
      return send(reference, message);
    },
    sendText: (reference, text) => send(reference, MessageFactory.text(text)),
  };
}

/** Maps a connector error (an HTTP error with `statusCode` and response headers) to an outcome. */
export function classify(error: unknown): SendOutcome {
  const e = error as { statusCode?: unknown; response?: { headers?: unknown } } | null;
  const status = typeof e?.statusCode === "number" ? e.statusCode : undefined;
  if (status === 403 || status === 404) return { status: "gone", httpStatus: status };
  if (status === 429) return { status: "throttled", retryAfterSeconds: retryAfterOf(e?.response?.headers) ?? DEFAULT_RETRY_AFTER_SECONDS };
  if (status === undefined) return { status: "failed", retryable: true };
  return { status: "failed", retryable: RETRYABLE.has(status), httpStatus: status };
}

function retryAfterOf(headers: unknown): number | undefined {
  const raw = readHeader(headers, "retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function readHeader(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === "function" ? h.get(name) : (h[name] ?? h[name.toLowerCase()]);
  return typeof value === "string" ? value : undefined;
}
