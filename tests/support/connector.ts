/**
 * A local stand-in for the Bot Connector service: the bot's outbound calls go to
 * `serviceUrl`, so pointing activities at this server lets tests see exactly what the
 * bot sent, answer like the connector does (`{ id }`), and inject the failures Teams
 * returns (403, 404, 429 with Retry-After) to exercise the proactive sender.
 *
 * Opt-in, for the scheduler and the bench: `limits` enforces Teams' proactive rate limits
 * (per conversation 7/s and 60/30 s, per app per tenant 50/s, each a sliding window over
 * arrival times) and answers what goes over with 429 and the Retry-After that would have
 * let it through; `randomThrottle` answers a seeded, reproducible fraction of requests with
 * 429 regardless. Refused requests do not count toward the windows.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { type ConversationRecord } from "../../bot/src/store/repositories";
import { mulberry32 } from "../../bot/src/domain/random";

export interface RecordedActivity {
  /** POST for a new message or reply, PUT for an update. */
  method: "POST" | "PUT";
  conversationId: string;
  /** The activity replied to (POST …/activities/:replyTo) or updated (PUT …/activities/:id). */
  targetActivityId?: string;
  /** The id the connector assigned (POST) or kept (PUT). */
  id: string;
  activity: Record<string, unknown>;
  /** The Authorization header, if the bot sent one (it does not in local mode). */
  authorization?: string;
  /** When the request arrived (epoch ms). */
  at: number;
}

export interface CreatedConversation {
  id: string;
  parameters: Record<string, unknown>;
}

export interface InjectedFailure {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface TeamsLimits {
  perConversationPerSecond: number;
  perConversationPer30Seconds: number;
  /** Per app per tenant (the tenant read from the activity's conversation). */
  perAppPerSecond: number;
}

export const TEAMS_LIMITS: TeamsLimits = { perConversationPerSecond: 7, perConversationPer30Seconds: 60, perAppPerSecond: 50 };

export interface ConnectorOptions {
  /** Enforce Teams' limits on activity POST/PUT; `true` = TEAMS_LIMITS. Off by default. */
  limits?: boolean | Partial<TeamsLimits>;
  /** Answer this fraction (0–1) of activity POST/PUTs with 429 at random, from a seeded generator. */
  randomThrottle?: { fraction: number; seed?: number; retryAfterSeconds?: number };
}

/** What the limits and random throttling did, for assertions and the bench. */
export interface ConnectorStats {
  /** Activity POST/PUTs received, refused ones included. */
  requests: number;
  /** 429s for going over a limit, by limit. */
  throttledByLimit: { conversationPerSecond: number; conversationPer30Seconds: number; appPerSecond: number };
  /** 429s from `randomThrottle`. */
  throttledAtRandom: number;
}

export interface RecordingConnector {
  /** Use as the activity's serviceUrl, e.g. http://127.0.0.1:41234/ */
  serviceUrl: string;
  readonly stats: ConnectorStats;
  readonly activities: RecordedActivity[];
  readonly conversations: CreatedConversation[];
  /** Resolves once at least `count` activities (optionally in one conversation) have arrived. */
  waitForActivities(count: number, options?: { conversationId?: string; timeoutMs?: number }): Promise<RecordedActivity[]>;
  /** The next `times` activity calls fail with this answer instead of being recorded. */
  failNext(failure: InjectedFailure, times?: number): void;
  /** Forgets what was recorded and any pending failures. */
  reset(): void;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const CONVERSATIONS_PATH = /^\/v3\/conversations\/?$/;

/** Starts the recording connector on 127.0.0.1 and an ephemeral port. */
export async function startRecordingConnector(options: ConnectorOptions = {}): Promise<RecordingConnector> {
  const activities: RecordedActivity[] = [];
  const conversations: CreatedConversation[] = [];
  const failures: InjectedFailure[] = [];
  const stats: ConnectorStats = { requests: 0, throttledByLimit: { conversationPerSecond: 0, conversationPer30Seconds: 0, appPerSecond: 0 }, throttledAtRandom: 0 };
  const limits = options.limits ? { ...TEAMS_LIMITS, ...(options.limits === true ? {} : options.limits) } : null;
  const windows = new SlidingWindows();
  const random = options.randomThrottle ? mulberry32(options.randomThrottle.seed ?? 1) : null;

  /** A 429 answer when this request is throttled, else null (and the request is counted). */
  function throttle(conversationId: string, body: Record<string, unknown>, arrived: number): InjectedFailure | null {
    if (random && options.randomThrottle && random() < options.randomThrottle.fraction) {
      stats.throttledAtRandom++;
      return tooMany(options.randomThrottle.retryAfterSeconds ?? 1);
    }
    if (!limits) return null;
    const tenant = tenantOf(body);
    const checks = [
      { name: "conversationPerSecond" as const, key: `c1\n${tenant}\n${conversationId}`, limit: limits.perConversationPerSecond, windowMs: 1000 },
      { name: "conversationPer30Seconds" as const, key: `c30\n${tenant}\n${conversationId}`, limit: limits.perConversationPer30Seconds, windowMs: 30_000 },
      { name: "appPerSecond" as const, key: `app\n${tenant}`, limit: limits.perAppPerSecond, windowMs: 1000 },
    ];
    for (const check of checks) {
      const freeInMs = windows.freeInMs(check.key, check.limit, check.windowMs, arrived);
      if (freeInMs > 0) {
        stats.throttledByLimit[check.name]++;
        return tooMany(Math.max(1, Math.ceil(freeInMs / 1000)));
      }
    }
    for (const check of checks) windows.add(check.key, arrived);
    return null;
  }
  let waiters: { check: () => boolean }[] = [];
  const notify = () => {
    waiters = waiters.filter((w) => !w.check());
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      send(res, 500, { error: { code: "ConnectorStandInError", message: String(error) } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = Date.now();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const body = await readJson(req);
    const activityMatch = ACTIVITY_PATH.exec(path);
    if (activityMatch && (req.method === "POST" || req.method === "PUT")) {
      stats.requests++;
      const failure = failures.shift() ?? throttle(decodeURIComponent(activityMatch[1] ?? ""), body, arrived);
      if (failure) return send(res, failure.status, failure.body ?? { error: { code: "Injected", message: `injected ${failure.status}` } }, failure.headers);
      const conversationId = decodeURIComponent(activityMatch[1] ?? "");
      const targetActivityId = activityMatch[2] ? decodeURIComponent(activityMatch[2]) : undefined;
      const id = req.method === "PUT" && targetActivityId ? targetActivityId : `activity-${randomUUID()}`;
      activities.push({
        method: req.method,
        conversationId,
        targetActivityId,
        id,
        activity: body,
        authorization: typeof req.headers.authorization === "string" ? req.headers.authorization : undefined,
        at: arrived,
      });
      send(res, req.method === "POST" ? 201 : 200, { id });
      notify();
      return;
    }
    if (CONVERSATIONS_PATH.test(path) && req.method === "POST") {
      const failure = failures.shift();
      if (failure) return send(res, failure.status, failure.body ?? {}, failure.headers);
      const id = `a:created-${randomUUID()}`;
      conversations.push({ id, parameters: body });
      send(res, 201, { id, activityId: `activity-${randomUUID()}` });
      notify();
      return;
    }
    send(res, 404, { error: { code: "NotFound", message: `${req.method} ${path} is not part of the stand-in` } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    stats,
    activities,
    conversations,
    waitForActivities(count, options = {}) {
      const matching = () => activities.filter((a) => !options.conversationId || a.conversationId === options.conversationId);
      return new Promise((resolve, reject) => {
        const waiter = {
          check: () => {
            const found = matching();
            if (found.length < count) return false;
            clearTimeout(timer);
            resolve(found);
            return true;
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`expected ${count} activities${options.conversationId ? ` in ${options.conversationId}` : ""}, got ${matching().length}`));
        }, options.timeoutMs ?? 5000);
        if (!waiter.check()) waiters.push(waiter);
      });
    },
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    reset() {
      activities.length = 0;
      conversations.length = 0;
      failures.length = 0;
      windows.clear();
      stats.requests = 0;
      stats.throttledAtRandom = 0;
      stats.throttledByLimit = { conversationPerSecond: 0, conversationPer30Seconds: 0, appPerSecond: 0 };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The directory's record of the bot's personal chat with a user, its reference pointing at this connector. */
export function personalConversation(connector: Pick<RecordingConnector, "serviceUrl">, tenantId: string, userId: string, updatedAt: string): ConversationRecord {
  const conversationId = `a:personal-${userId}`;
  return {
    tenantId,
    conversationId,
    scope: "personal",
    userId,
    reference: { serviceUrl: connector.serviceUrl, channelId: "msteams", conversation: { id: conversationId }, bot: { id: "28:bot" }, user: { id: `29:${userId}` } },
    updatedAt,
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function tooMany(retryAfterSeconds: number): InjectedFailure {
  return { status: 429, headers: { "retry-after": String(retryAfterSeconds) }, body: { error: { code: "Throttled", message: "Too many requests" } } };
}

function tenantOf(body: Record<string, unknown>): string {
  const conversation = body.conversation as { tenantId?: unknown } | undefined;
  const channelData = body.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenant = conversation?.tenantId ?? channelData?.tenant?.id;
  return typeof tenant === "string" ? tenant : "";
}

/** Arrival times per key; a request is allowed while fewer than `limit` arrived in the last `windowMs`. */
class SlidingWindows {
  private readonly times = new Map<string, number[]>();

  /** 0 when a request arriving at `now` fits, else how long until it would. */
  freeInMs(key: string, limit: number, windowMs: number, now: number): number {
    const recent = (this.times.get(key) ?? []).filter((t) => t > now - windowMs);
    this.times.set(key, recent);
    if (recent.length < limit) return 0;
    return recent[recent.length - limit]! + windowMs - now;
  }

  add(key: string, at: number): void {
    const list = this.times.get(key) ?? [];
    let i = list.length;
    while (i > 0 && list[i - 1]! > at) i--; // bodies are read concurrently; keep arrival order
    list.splice(i, 0, at);
    this.times.set(key, list);
  }

  clear(): void {
    this.times.clear();
  }
}

