import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { loadConfig } from "../../bot/src/config";
import { type Clock } from "../../bot/src/domain/clock";
import { startServer as start, type RunningServer } from "../../bot/src/main";

export interface TestServer extends RunningServer {
  baseUrl: string;
  dataDir: string;
}

export interface TestServerOptions {
  /** Reuse a data folder (e.g. to prove data survives a restart); default: a fresh temp folder. */
  dataDir?: string;
  /** Extra environment, e.g. MicrosoftAppId to run in Azure-like mode. */
  env?: Record<string, string>;
  clock?: Clock;
  /** Keep the data folder after close (default: removed when we created it). */
  keepData?: boolean;
  /** Serve the tab from here instead of tab/dist. */
  tabDir?: string;
  /** The scheduler's background loop; off unless a test asks (tests drive it with runDue/runUntil or /api/dev/advance). */
  scheduler?: boolean;
}

/**
 * A local server for tests and the bench: loopback, an ephemeral port, silent logs, and the
 * API's rate limits out of the way (they have their own test, tests/api/limits.test.ts;
 * elsewhere they would only get in the way of many quick requests).
 */
export const localServerEnv = (dataDir: string): Record<string, string> => ({
  PORT: "0",
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  LOG_LEVEL: "silent",
  API_RATE_LIMIT_PER_MINUTE: "1000000",
  API_AUTH_FAILURES_PER_MINUTE: "1000000",
});

/**
 * Starts the real server (real store on the embedded Cosmos server, real bot adapter,
 * real Express) on an ephemeral loopback port with the demo community seeded.
 */
export async function startServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "circles-test-"));
  const config = loadConfig({ ...localServerEnv(dataDir), ...options.env });
  const running = await start(config, { clock: options.clock, logger: pino({ level: "silent" }), tabDir: options.tabDir, scheduler: options.scheduler ?? false });
  return {
    ...running,
    baseUrl: running.url,
    dataDir,
    close: async () => {
      await running.close();
      if (!options.dataDir && !options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** fetch against the test server with a demo identity (local mode's X-Dev-User). */
export function asUser(baseUrl: string, userId: string | null) {
  return (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, { ...init, headers: { ...(userId ? { "X-Dev-User": userId } : {}), ...(init.headers as Record<string, string> | undefined) } });
}
