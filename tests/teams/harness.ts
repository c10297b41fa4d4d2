/**
 * The bot over real HTTP: an Express app around createBotEndpoint, the real store on the
 * embedded Cosmos server, and the recording connector as the Teams service.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { type CommandContext, type Logger } from "../../bot/src/commands/context";
import { seedDemoCommunity } from "../../bot/src/commands/demoSeeder";
import { ManualClock } from "../../bot/src/domain/clock";
import { createLinks } from "../../bot/src/domain/links";
import { openStore, type DocumentStore } from "../../bot/src/store";
import { createRepositories, type Repositories } from "../../bot/src/store/repositories";
import { createBotEndpoint, type BotEndpointDeps } from "../../bot/src/teams";
import { type RecordingConnector, startRecordingConnector } from "../support/connector";

export interface LogEntry {
  level: "info" | "warn" | "error";
  obj: object;
  msg?: string;
}

/** A logger that keeps what it is told, so tests can check what reaches the logs. */
export function recordingLogger(): Logger & { entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry["level"]) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, info: at("info"), warn: at("warn"), error: at("error"), text: () => JSON.stringify(entries) };
}

export type BotConfig = BotEndpointDeps["config"];

export const LOCAL_CONFIG: BotConfig = { bot: { hasPassword: false }, mode: "local", publicUrl: "http://127.0.0.1:3978" };

export interface BotHarness {
  url: string;
  connector: RecordingConnector;
  repos: Repositories;
  ctx: CommandContext;
  clock: ManualClock;
  log: ReturnType<typeof recordingLogger>;
  /** POSTs a JSON body (or raw text) to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** POSTs an invoke and reads its answer: status, JSON body (null when empty) and how long it took. */
  invoke(activity: unknown): Promise<InvokeAnswer>;
  close(): Promise<void>;
}

export interface InvokeAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk Teams' loosely typed answers
  body: any;
  ms: number;
}

export interface HarnessOptions {
  config?: BotConfig;
  env?: NodeJS.ProcessEnv;
  /** Replace parts of the repositories, e.g. to make a write fail. */
  wrapRepos?: (repos: Repositories) => Repositories;
  /** Reuse another harness's store (for a second endpoint in Azure-like mode). */
  store?: DocumentStore;
  /** Seed the demo community (the demo tenant, community com-demo, its team linked). */
  seedDemo?: boolean;
  /** Overrides how long an invoke may run before the fallback answer. */
  invokeDeadlineMs?: number;
}

export async function startBotHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const dataDir = options.store ? undefined : mkdtempSync(join(tmpdir(), "circles-teams-"));
  const store = options.store ?? (await openStore({ mode: "local", dataDir: dataDir!, cosmos: { database: "practice-circles" } }));
  const clock = new ManualClock("2026-11-20T09:00:00Z");
  const log = recordingLogger();
  const baseRepos = createRepositories(store, clock);
  const repos = options.wrapRepos ? options.wrapRepos(baseRepos) : baseRepos;
  const config = options.config ?? LOCAL_CONFIG;
  const ctx: CommandContext = { repos, clock, log, links: createLinks(config) };
  if (options.seedDemo) await seedDemoCommunity(ctx);
  const connector = await startRecordingConnector();

  const app = express();
  app.use(express.json({ limit: "1mb" }));
  app.post("/api/messages", createBotEndpoint({ config, ctx, env: options.env ?? {}, invokeDeadlineMs: options.invokeDeadlineMs }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  return {
    url,
    connector,
    repos,
    ctx,
    clock,
    log,
    post,
    async invoke(activity) {
      const started = performance.now();
      const res = await post(activity);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await connector.close();
      if (!options.store) await store.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card content of a recorded activity, or undefined when it has none. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> | undefined {
  const attachments = activity.attachments as { contentType?: string; content?: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive")?.content;
}
