import { type Activity, CardFactory, type ConversationParameters, type ConversationReference, MessageFactory } from "botbuilder";
import { z } from "zod";
import { type Logger } from "../commands/context";
import { type Config } from "../config";
import { backoffDelayMs } from "../domain/backoff";
import { type BotAdapter, createBotAdapter, describeError } from "./adapter";
import { type AdaptiveCard } from "./cards";
import { conversationReferenceOf } from "./teamsContext";

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

export interface SendOptions {
  /** The tenant whose per-app limit the send counts against; default: the reference's `conversation.tenantId`. */
  tenantId?: string;
  /** HTTP attempts for this send (throttling and transient failures retried here); default the sender's `attempts`. */
  attempts?: number;
  /**
   * Longest wait for a rate-limit slot. When the conversation (or tenant) is paused for
   * longer, nothing is sent and the outcome is `throttled` with the time left, so a job
   * runner can put the job back instead of holding a worker. Default the sender's `maxWaitMs`.
   */
  maxWaitMs?: number;
  /**
   * Called once the rate limits allow the send, right before each HTTP call. Resolving
   * false abandons the send (nothing goes out, the slot is given back, the outcome is a
   * retryable failure the caller is expected to ignore). The scheduler records "sending" here.
   */
  beforeSend?: () => Promise<boolean>;
}

/** A personal chat the bot opened: its id and the reference to send to it (and to store). */
export type OpenedChat = { status: "opened"; conversationId: string; reference: Record<string, unknown> };

export interface ProactiveSender {
  /** Posts a card as a new message in the conversation the reference points at. */
  sendCard(reference: Record<string, unknown>, card: AdaptiveCard, options?: SendOptions): Promise<SendOutcome>;
  /** Posts plain text (for short nudges). */
  sendText(reference: Record<string, unknown>, text: string, options?: SendOptions): Promise<SendOutcome>;
  /**
   * Opens the bot's 1:1 chat with a person it has no chat with yet, through the service
   * of a conversation it can reach (`via`, e.g. their team's channel): Teams'
   * createConversation with the person (by Entra object id) as the only member. Teams
   * answers with the existing chat when there is one. Never throws: a failure is a SendOutcome.
   */
  openPersonalChat?(via: Record<string, unknown>, person: { tenantId: string; userId: string }): Promise<OpenedChat | Exclude<SendOutcome, { status: "sent" }>>;
}

/**
 * Teams' proactive limits (Platform facts): per conversation about 7 per second and 60 per
 * 30 seconds, per app per tenant about 50 per second.
 */
export interface RateLimits {
  perConversationPerSecond: number;
  perConversationPer30Seconds: number;
  perTenantPerSecond: number;
  /** This many conversations of one tenant throttled within a second (and at least half the answers) pause the whole tenant. */
  tenantPauseThreshold: number;
  /** The longest such tenant pause. */
  tenantPauseMaxMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perConversationPerSecond: 7,
  perConversationPer30Seconds: 60,
  perTenantPerSecond: 50,
  tenantPauseThreshold: 3,
  tenantPauseMaxMs: 10_000,
};

export interface ProactiveSenderDeps {
  config: Pick<Config, "bot">;
  logger: Logger;
  /** Share the endpoint's adapter; built from `config.bot` when absent. */
  adapter?: BotAdapter;
  env?: NodeJS.ProcessEnv;
  /**
   * Rate limits this sender keeps; `false` turns limiting off. They are per process: with
   * several instances, divide `perTenantPerSecond` by the instance count (or rely on the
   * 429 handling below, which backs every instance off when Teams says so).
   */
  limits?: Partial<RateLimits> | false;
  /** Default HTTP attempts per send (see SendOptions.attempts); 3. */
  attempts?: number;
  /** Default SendOptions.maxWaitMs; 10 s. */
  maxWaitMs?: number;
  /** One HTTP call may take this long before it counts as a (retryable) network failure; 20 s. */
  sendTimeoutMs?: number;
}

/** The fields a stored reference must have for the connector to be reachable at all. */
const StoredReference = z.looseObject({
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1), tenantId: z.string().optional() }),
});

/** Without Retry-After, wait this long after a 429 (Teams allows ~7 sends/s per conversation). */
const DEFAULT_RETRY_AFTER_SECONDS = 1;
const RETRYABLE = new Set([408, 412, 500, 502, 503, 504]);
const ABANDONED: SendOutcome = { status: "failed", retryable: true };

/**
 * Sends messages outside a turn (reminders, nudges) through
 * `adapter.continueConversationAsync` with a reference stored at install. It never
 * throws for delivery problems: it reports an outcome, so the job runner decides what
 * to retry and what to drop.
 *
 * Every send first waits for a slot under the rate limits (it queues rather than fails),
 * sends to one conversation go out one at a time and in order, and a 429's Retry-After
 * pauses that conversation for every later send. Retrying is done here, not by the
 * connector client: its own retry policy is taken out of the pipeline, because it would
 * sleep through a Retry-After inside one call (holding a job's lease) and resend without
 * passing the rate limits.
 */
export function createProactiveSender(deps: ProactiveSenderDeps): ProactiveSender {
  const bot = deps.adapter ?? createBotAdapter({ bot: deps.config.bot, log: deps.logger, env: deps.env });
  const log = deps.logger;
  const gates = deps.limits === false ? null : new SendGates({ ...DEFAULT_RATE_LIMITS, ...deps.limits }, log);
  const defaultAttempts = Math.max(1, deps.attempts ?? 3);
  const defaultMaxWaitMs = deps.maxWaitMs ?? 10_000;
  const sendTimeoutMs = deps.sendTimeoutMs ?? 20_000;

  async function post(reference: z.infer<typeof StoredReference>, activity: Partial<Activity>): Promise<SendOutcome> {
    let activityId: string | undefined;
    let failure: { error: unknown } | undefined;
    try {
      await bot.adapter.continueConversationAsync(bot.appId, reference as unknown as Partial<ConversationReference>, async (turn) => {
        takeOverRetries(turn.turnState.get(bot.adapter.ConnectorClientKey), sendTimeoutMs);
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

  async function send(reference: Record<string, unknown>, activity: Partial<Activity>, options: SendOptions = {}): Promise<SendOutcome> {
    const parsed = StoredReference.safeParse(reference);
    if (!parsed.success) {
      log.warn({ event: "proactive_bad_reference" }, "a stored conversation reference is unusable");
      return { status: "failed", retryable: false };
    }
    const conversationId = parsed.data.conversation.id;
    const tenantId = options.tenantId ?? parsed.data.conversation.tenantId ?? "";
    const attempts = Math.max(1, options.attempts ?? defaultAttempts);
    const maxWaitMs = options.maxWaitMs ?? defaultMaxWaitMs;
    let outcome: SendOutcome = ABANDONED;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const permit = gates ? await gates.acquire(tenantId, conversationId, maxWaitMs) : UNLIMITED;
      if ("waitMs" in permit) return { status: "throttled", retryAfterSeconds: Math.max(1, Math.ceil(permit.waitMs / 1000)) };
      try {
        let go = false;
        try {
          go = options.beforeSend ? await options.beforeSend() : true;
        } finally {
          if (!go) permit.cancel();
        }
        if (!go) return ABANDONED;
        permit.start();
        outcome = await post(parsed.data, activity);
        gates?.noteOutcome(tenantId, conversationId, outcome);
      } finally {
        permit.release();
      }
      if (outcome.status === "sent" || outcome.status === "gone") return outcome;
      if (outcome.status === "failed" && !outcome.retryable) return outcome;
      // A throttled conversation is paused now: the next acquire waits out its Retry-After.
      if (attempt < attempts && outcome.status === "failed") await sleep(backoffDelayMs(attempt, { baseMs: 250, capMs: 4000 }));
    }
    return outcome;
  }

  async function openPersonalChat(via: Record<string, unknown>, person: { tenantId: string; userId: string }): Promise<OpenedChat | Exclude<SendOutcome, { status: "sent" }>> {
    const parsed = StoredReference.safeParse(via);
    if (!parsed.success) {
      log.warn({ event: "proactive_bad_reference" }, "a stored conversation reference is unusable");
      return { status: "failed", retryable: false };
    }
    const botAccount = (via.bot ?? undefined) as ConversationParameters["bot"] | undefined;
    const parameters = {
      isGroup: false,
      bot: botAccount,
      members: [{ id: person.userId }],
      tenantId: person.tenantId,
      channelData: { tenant: { id: person.tenantId } },
    } as unknown as ConversationParameters;
    let opened: OpenedChat | undefined;
    try {
      await bot.adapter.createConversationAsync(bot.appId, parsed.data.channelId, parsed.data.serviceUrl, undefined as unknown as string, parameters, async (turn) => {
        const reference = conversationReferenceOf(turn.activity);
        const conversationId = turn.activity.conversation?.id;
        if (conversationId) opened = { status: "opened", conversationId, reference: { ...reference, user: { id: person.userId, aadObjectId: person.userId } } };
      });
    } catch (error) {
      const outcome = classify(error);
      log.warn({ event: "personal_chat_open_failed", outcome, err: describeError(error) }, "could not open a personal chat");
      return outcome.status === "sent" ? { status: "failed", retryable: true } : outcome;
    }
    return opened ?? { status: "failed", retryable: true };
  }

  return {
    openPersonalChat,
    sendCard: (reference, card, options) => {
      const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      if (card.fallbackText) message.summary = card.fallbackText;
      return send(reference, message, options);
    },
    sendText: (reference, text, options) => send(reference, MessageFactory.text(text), options),
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

interface PipelineLike {
  removePolicy(options: { phase?: string; name?: string }): unknown;
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (request: unknown) => Promise<unknown>): Promise<unknown> }): void;
}

/**
 * The connector client is created anew for each continuation (botframework-connector's
 * ConnectorFactoryImpl), so changing its pipeline affects this one send only: its retry
 * policy (which retries 429 and 5xx inside the call) goes, and each HTTP call gets a
 * timeout. If a botbuilder update changes this shape, the client keeps its own retries.
 */
function takeOverRetries(connector: unknown, timeoutMs: number): void {
  const pipeline = (connector as { client?: { pipeline?: Partial<PipelineLike> } } | undefined)?.client?.pipeline;
  if (typeof pipeline?.removePolicy !== "function" || typeof pipeline.addPolicy !== "function") return;
  pipeline.removePolicy({ phase: "Retry" });
  pipeline.removePolicy({ name: "proactiveSendTimeout" });
  pipeline.addPolicy({
    name: "proactiveSendTimeout",
    sendRequest: (request, next) => {
      request.timeout = timeoutMs;
      return next(request);
    },
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

// ---------------------------------------------------------------------------------------
// Rate limits
//
// Hand-written sliding windows rather than rate-limiter-flexible's memory limiter: that
// one counts fixed windows that start at the first request, so up to twice the limit can
// pass within one second across a window boundary, and Teams, counting a sliding window,
// answers 429. Staying under a sliding window with fixed ones means pacing one request
// per window (every late timer then costs throughput for good) or small windows well
// below the limit.
//
// Teams counts requests when they arrive, which is some time after we start them and
// before we get the answer, and that time varies (the first send of a process, a token
// fetch, a busy event loop). So a send counts in our windows from the moment we get its
// answer (while in flight it counts and cannot expire): a later send then starts at least
// one window after the earlier one arrived, whatever the latencies, and Teams never sees
// more than the limit in any window. The cost is one round trip per window (~0.5%).
// ---------------------------------------------------------------------------------------

interface Stamp {
  at: number;
  /** Sent and not yet answered: counts, and cannot leave the window yet. */
  inFlight: boolean;
}

/** At most `limit` sends in any `windowMs`. */
class SlidingWindow {
  private stamps: Stamp[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** When the next send may start: `now` or earlier when it may start now, Infinity while that depends on sends still in flight. */
  nextFreeAt(now: number): number {
    this.prune(now);
    if (this.stamps.length < this.limit) return now;
    const times = this.stamps.map((s) => (s.inFlight ? Infinity : s.at)).sort((a, b) => a - b);
    return times[times.length - this.limit]! + this.windowMs;
  }

  take(now: number): Stamp {
    const stamp = { at: now, inFlight: false };
    this.stamps.push(stamp);
    return stamp;
  }

  give(stamp: Stamp): void {
    this.stamps = this.stamps.filter((s) => s !== stamp);
  }

  idle(now: number): boolean {
    this.prune(now);
    return this.stamps.length === 0;
  }

  private prune(now: number): void {
    const expired = (s: Stamp) => !s.inFlight && s.at <= now - this.windowMs;
    if (this.stamps.some(expired)) this.stamps = this.stamps.filter((s) => !expired(s));
  }
}

interface Permit {
  /** The HTTP call starts now. */
  start(): void;
  /** Nothing was sent: give the slots back. */
  cancel(): void;
  /** Done (the answer has been noted): the send counts from now, and the conversation's next send may proceed. */
  release(): void;
}

const UNLIMITED: Permit = { start: () => undefined, cancel: () => undefined, release: () => undefined };

interface ConversationGate {
  perSecond: SlidingWindow;
  perHalfMinute: SlidingWindow;
  pausedUntil: number;
  /** The end of the chain of sends to this conversation: one at a time, in order. */
  tail: Promise<void>;
  users: number;
}

interface TenantGate {
  window: SlidingWindow;
  /** Slots are also spread evenly: the theoretical time of the next one (see pump). */
  nextSlotAt: number;
  spacingMs: number;
  pausedUntil: number;
  queue: ((stamp: Stamp) => void)[];
  timer: NodeJS.Timeout | undefined;
  answers: { at: number; conversationId: string; retryAfterMs: number | null }[];
}

/** The limiter: per-conversation windows and pauses, and a first-come-first-served queue per tenant. */
class SendGates {
  private readonly conversations = new Map<string, ConversationGate>();
  private readonly tenants = new Map<string, TenantGate>();
  private lastSweep = Date.now();

  constructor(
    private readonly limits: RateLimits,
    private readonly log: Logger,
  ) {}

  private conversation(key: string): ConversationGate {
    let gate = this.conversations.get(key);
    if (!gate) {
      gate = {
        perSecond: new SlidingWindow(this.limits.perConversationPerSecond, 1000),
        perHalfMinute: new SlidingWindow(this.limits.perConversationPer30Seconds, 30_000),
        pausedUntil: 0,
        tail: Promise.resolve(),
        users: 0,
      };
      this.conversations.set(key, gate);
    }
    return gate;
  }

  private tenant(tenantId: string): TenantGate {
    let gate = this.tenants.get(tenantId);
    if (!gate) {
      gate = {
        window: new SlidingWindow(this.limits.perTenantPerSecond, 1000),
        nextSlotAt: 0,
        spacingMs: 1000 / this.limits.perTenantPerSecond,
        pausedUntil: 0,
        queue: [],
        timer: undefined,
        answers: [],
      };
      this.tenants.set(tenantId, gate);
    }
    return gate;
  }

  /** Waits for this conversation's turn and a slot under every limit; `{ waitMs }` when that would take longer than `maxWaitMs`. */
  async acquire(tenantId: string, conversationId: string, maxWaitMs: number): Promise<Permit | { waitMs: number }> {
    this.sweep();
    const conv = this.conversation(`${tenantId}\n${conversationId}`);
    conv.users++;
    const before = conv.tail;
    let unlock!: () => void;
    conv.tail = new Promise<void>((resolve) => (unlock = resolve));
    let stamps: Stamp[] = [];
    let tenant: TenantGate | undefined;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      const now = Date.now();
      for (const s of stamps) {
        if (s.inFlight) s.at = now;
        s.inFlight = false;
      }
      conv.users--;
      unlock();
      if (tenant) this.pump(tenant);
    };
    try {
      await before;
      const at = Math.max(conv.perSecond.nextFreeAt(Date.now()), conv.perHalfMinute.nextFreeAt(Date.now()), conv.pausedUntil);
      const wait = at - Date.now();
      if (wait > maxWaitMs) {
        release();
        return { waitMs: wait };
      }
      if (wait > 0) await sleep(wait);
      tenant = this.tenant(tenantId);
      const tenantWait = tenant.pausedUntil - Date.now();
      if (tenantWait > maxWaitMs) {
        release();
        return { waitMs: tenantWait };
      }
      const gate = tenant;
      const tenantStamp = await new Promise<Stamp>((resolve) => {
        gate.queue.push(resolve);
        this.pump(gate);
      });
      // Nobody else sent to this conversation meanwhile (we hold its turn), and time only moved on.
      const now = Date.now();
      const perSecond = conv.perSecond.take(now);
      const perHalfMinute = conv.perHalfMinute.take(now);
      stamps = [tenantStamp, perSecond, perHalfMinute];
      return {
        start: () => {
          const at = Date.now();
          for (const s of stamps) {
            s.at = at;
            s.inFlight = true;
          }
        },
        cancel: () => {
          gate.window.give(tenantStamp);
          conv.perSecond.give(perSecond);
          conv.perHalfMinute.give(perHalfMinute);
          stamps = [];
        },
        release,
      };
    } catch (e) {
      release();
      throw e;
    }
  }

  /**
   * Hands out tenant slots in arrival order, as the window and any pause allow, and spread
   * evenly (one per window/limit; the next slot's theoretical time is kept, so a late timer
   * is caught up rather than lost) instead of fifty at once.
   */
  private pump(tenant: TenantGate): void {
    if (tenant.timer) clearTimeout(tenant.timer);
    tenant.timer = undefined;
    while (tenant.queue.length > 0) {
      const now = Date.now();
      const at = Math.max(tenant.window.nextFreeAt(now), tenant.pausedUntil, tenant.nextSlotAt - tenant.spacingMs);
      if (at === Infinity) return; // waits for an answer; release() pumps again
      if (at > now) {
        tenant.timer = setTimeout(() => this.pump(tenant), Math.ceil(at - now));
        return;
      }
      tenant.nextSlotAt = Math.max(tenant.nextSlotAt, now) + tenant.spacingMs;
      tenant.queue.shift()!(tenant.window.take(now));
    }
  }

  /** A 429 pauses its conversation for Retry-After; several conversations throttled at once pause the tenant briefly. */
  noteOutcome(tenantId: string, conversationId: string, outcome: SendOutcome): void {
    const now = Date.now();
    const tenant = this.tenant(tenantId);
    tenant.answers = tenant.answers.filter((a) => a.at > now - 1000);
    const retryAfterMs = outcome.status === "throttled" ? outcome.retryAfterSeconds * 1000 : null;
    tenant.answers.push({ at: now, conversationId, retryAfterMs });
    if (retryAfterMs === null) return;
    const conv = this.conversation(`${tenantId}\n${conversationId}`);
    conv.pausedUntil = Math.max(conv.pausedUntil, now + retryAfterMs);
    const throttled = tenant.answers.filter((a) => a.retryAfterMs !== null);
    const distinct = new Set(throttled.map((a) => a.conversationId)).size;
    if (distinct >= this.limits.tenantPauseThreshold && throttled.length * 2 >= tenant.answers.length && tenant.pausedUntil < now) {
      const pauseMs = Math.min(this.limits.tenantPauseMaxMs, Math.max(...throttled.map((a) => a.retryAfterMs ?? 0)));
      tenant.pausedUntil = now + pauseMs;
      this.log.warn({ event: "proactive_tenant_paused", conversations: distinct, pauseMs }, "Teams is throttling many conversations of one tenant; pausing its sends");
    }
  }

  /** Forgets conversations nobody is sending to whose windows and pauses have run out. */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [key, gate] of this.conversations) {
      if (gate.users === 0 && gate.pausedUntil <= now && gate.perHalfMinute.idle(now)) this.conversations.delete(key);
    }
  }
}
