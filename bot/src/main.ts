import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { type Server } from "node:http";
import { hostname } from "node:os";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import pino, { type Logger } from "pino";
import { createApp } from "./api/app";
import { answerUnreadableRequests } from "./api/errors";
import { type CommandContext } from "./commands/context";
import { seedDemoCommunity } from "./commands/demoSeeder";
import { ConfigError, devIdentityAllowed, loadConfig, type Config } from "./config";
import { isSettable, OffsetClock, systemClock, type Clock } from "./domain/clock";
import { createLinks } from "./domain/links";
import { DataDirInUseError, openStore, SnapshotFileError, type DocumentStore } from "./store";
import { createRepositories } from "./store/repositories";
import { rhythmWork } from "./commands/rhythmWork";
import { planCommunity } from "./commands/sessionPlanner";
import { createDelivery } from "./jobs/delivery";
import { createScheduler, type Scheduler, type WorkHandler } from "./jobs/scheduler";
import { listCommunityIdsForAdmin } from "./store/repositories";
import { cardLinksFor, createBotAdapter, createBotEndpoint, createProactiveSender, type ChannelTokenSource } from "./teams";
import { renderNotice } from "./teams/cards/notices";

export interface RunningServer {
  /** Base URL on the bound address, e.g. http://127.0.0.1:3978 */
  url: string;
  port: number;
  ctx: CommandContext;
  store: DocumentStore;
  /** The job runner (running in the background unless `scheduler: false`). */
  scheduler: Scheduler;
  /** Drains requests, then flushes and closes the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Where the built tab lives (default tab/dist). */
  tabDir?: string;
  /** Run the scheduler's background loop (default true); tests drive it with runDue/runUntil instead. */
  scheduler?: boolean;
  /** A store opened by the caller (e.g. through a fault-injecting proxy); closed with the server. Default: openStore(config). */
  store?: DocumentStore;
  /**
   * Tests only: Bot Framework tokens are checked against this local key endpoint instead of
   * the Bot Framework's (see createBotAdapter). Not a setting: no environment variable sets it,
   * and Azure mode refuses to start with it.
   */
  botChannelTokens?: ChannelTokenSource;
}

const DRAIN_MS = 10_000;

/** tab/dist at the package root, whether we run from bot/src (tsx) or from dist/ (compiled). */
function defaultTabDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, "tab", "dist");
}

/**
 * The composition root: store → repositories → demo seed → bot → HTTP. Used by
 * `npm start`, by App Service and by the tests, so all three run the same wiring.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: "practice-circles" } });
  if (options.botChannelTokens && config.mode === "azure") throw new Error("botChannelTokens is for tests with the local store only; Azure mode checks Bot Framework tokens against the Bot Framework's own keys.");
  // Local mode's clock can be moved forward (POST /api/dev/advance) to see the rhythm without waiting.
  const clock = options.clock ?? (config.mode === "local" ? new OffsetClock() : systemClock);
  const store = options.store ?? await openStore({ mode: config.mode, dataDir: config.dataDir, cosmos: config.cosmos, logger: logger.child({ component: "store" }) });
  try {
    // With PORT=0 (tests, benches) the real port is known only once listening.
    let publicUrl = config.publicUrl;
    const links = createLinks({ publicUrl: () => publicUrl, teamsAppId: config.teamsAppId });
    const ctx: CommandContext = { repos: createRepositories(store, clock), clock, log: logger, links };
    if (config.seedDemo) await seedDemoCommunity(ctx);

    const botLogger = logger.child({ component: "bot" });
    const adapter = createBotAdapter({ bot: config.bot, log: botLogger, channelTokens: options.botChannelTokens });
    const sender = createProactiveSender({ config, logger: botLogger, adapter });
    const cardLinks = { artifact: (communityId: string, artifactId: string) => links.artifact(communityId, artifactId), ...cardLinksFor(config) };
    const scheduler = createScheduler({
      repos: ctx.repos,
      clock,
      log: logger.child({ component: "jobs" }),
      instanceId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
      work: rhythmWork(ctx) as Record<string, WorkHandler>,
      deliver: createDelivery({ repos: ctx.repos, sender, render: (notice) => renderNotice(notice, cardLinks), clock, log: logger.child({ component: "delivery" }) }),
    });
    // Locally the demo's sessions must be there when the tab first loads; in Azure, planning must not hold up start-up.
    if (config.mode === "local") await planAll(ctx);
    else void planAll(ctx);
    if (options.scheduler !== false) scheduler.start();
    let advancing: Promise<unknown> = Promise.resolve();
    const devTools = {
      // One advance at a time; each runs every job due up to its instant, in order.
      advance: (to: Date) => {
        const run = advancing.then(() => scheduler.runUntil(to, (at) => (isSettable(clock) ? clock.advanceTo(at) : undefined)));
        advancing = run.catch(() => undefined);
        return run;
      },
    };

    const devIdentity = devIdentityAllowed(config);
    const app = createApp({
      ctx,
      logger,
      devIdentity,
      auth: config,
      ping: () => store.ping(),
      botHandler: createBotEndpoint({ config, ctx, logger: botLogger, adapter }),
      tabDir: options.tabDir ?? defaultTabDir(),
      devTools,
      limits: config.limits,
    });

    const server: Server = app.listen(config.port, config.host);
    answerUnreadableRequests(server);
    await Promise.race([once(server, "listening"), once(server, "error").then(([e]) => Promise.reject(e))]);
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    if (config.port === 0) publicUrl = publicUrl.replace(/:0$/, `:${port}`);
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
      port,
      ctx,
      store,
      scheduler,
      close: () => (closing ??= scheduler.stop().then(() => drainAndClose(server, store, logger))),
    };
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Start-up planning for every community (a background path, so the cross-partition listing
 * is allowed): sessions and their jobs up to the horizon. A failure is logged, not fatal:
 * the daily planning job and the next start try again.
 */
async function planAll(ctx: CommandContext): Promise<void> {
  try {
    for (const communityId of await listCommunityIdsForAdmin(ctx.repos.store)) await planCommunity(ctx, communityId);
  } catch (err) {
    ctx.log.error({ err }, "start-up planning failed; the daily planning job will try again");
  }
}

async function drainAndClose(server: Server, store: DocumentStore, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  await closed;
  clearTimeout(timer);
  await store.close();
  logger.info("stopped: requests drained and the store flushed");
}

/** Start-up failures that are the operator's to fix get one clear message, not a stack trace. */
function explain(e: unknown): string | null {
  if (e instanceof ConfigError || e instanceof SnapshotFileError || e instanceof DataDirInUseError) return e.message;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "EADDRINUSE") return "The port is already in use. Stop the other process or set PORT to a free port.";
  if (code === "EACCES") return "The server may not listen on that port. Set PORT to a port above 1024.";
  return null;
}

async function main(): Promise<void> {
  let running: RunningServer;
  try {
    const config = loadConfig();
    running = await startServer(config);
    console.log(`Practice Circles is listening on ${running.url} (${config.mode} mode)`);
  } catch (e) {
    const message = explain(e);
    console.error(message ?? e);
    process.exit(1);
  }
  const stop = (signal: string) => {
    console.log(`${signal}: draining requests and flushing the store…`);
    running.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

if (require.main === module) void main();
