/**
 * A local stand-in for the Bot Connector service: the bot's outbound calls go to
 * `serviceUrl`, so pointing activities at this server lets tests see exactly what the
 * bot sent, answer like the connector does (`{ id }`), and inject the failures Teams
 * returns (403, 404, 429 with Retry-After) to exercise the proactive sender.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";

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

export interface RecordingConnector {
  /** Use as the activity's serviceUrl, e.g. http://127.0.0.1:41234/ */
  serviceUrl: string;
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
export async function startRecordingConnector(): Promise<RecordingConnector> {
  const activities: RecordedActivity[] = [];
  const conversations: CreatedConversation[] = [];
  const failures: InjectedFailure[] = [];
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
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const body = await readJson(req);
    const activityMatch = ACTIVITY_PATH.exec(path);
    if (activityMatch && (req.method === "POST" || req.method === "PUT")) {
      const failure = failures.shift();
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
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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
