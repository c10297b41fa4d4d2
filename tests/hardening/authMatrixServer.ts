/**
 * The real server for the authorisation matrices, on a store that counts its writes: a
 * refused request must write nothing, and `writes` around one request proves it. The
 * store is the embedded one the server would open itself, wrapped, not replaced.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { loadConfig } from "../../bot/src/config";
import { type Clock } from "../../bot/src/domain/clock";
import { startServer, type RunningServer } from "../../bot/src/main";
import { CONTAINERS, openStore, type ContainerName, type DocumentContainer, type DocumentStore } from "../../bot/src/store";
import { type ChannelTokenSource } from "../../bot/src/teams";
import { localServerEnv } from "../support/server";

const WRITE_METHODS = new Set(["create", "replace", "upsert", "increment", "delete", "createAll"]);

export interface CountingStore extends DocumentStore {
  /** Writes issued so far, as "container.method id" (the id when the call names one). */
  readonly writeLog: string[];
  /** Every document of every container, sorted, for before/after comparisons. */
  dump(): Promise<string>;
}

function countingStore(inner: DocumentStore): CountingStore {
  const writeLog: string[] = [];
  const wrapped = new Map<ContainerName, DocumentContainer>();
  const wrap = (name: ContainerName, container: DocumentContainer): DocumentContainer =>
    new Proxy(container, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== "function") return value;
        if (!WRITE_METHODS.has(String(prop))) return value.bind(target);
        return (...args: unknown[]) => {
          const first = args[0] as { id?: unknown } | string | undefined;
          const id = typeof first === "object" && first ? String(first.id ?? "") : typeof args[1] === "string" ? args[1] : "";
          writeLog.push(`${name}.${String(prop)} ${id}`.trim());
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === "writeLog") return writeLog;
      if (prop === "container")
        return (name: ContainerName) => {
          if (!wrapped.has(name)) wrapped.set(name, wrap(name, target.container(name)));
          return wrapped.get(name)!;
        };
      if (prop === "dump")
        return async () => {
          const all: Record<string, unknown[]> = {};
          for (const spec of CONTAINERS) {
            const docs = await target.container(spec.name as ContainerName).queryAcrossPartitionsForAdmin<Record<string, unknown>>({ query: "SELECT * FROM c" });
            all[spec.name] = docs.map((d) => JSON.stringify(d)).sort();
          }
          return JSON.stringify(all);
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as CountingStore;
}

export interface MatrixServer extends RunningServer {
  baseUrl: string;
  store: CountingStore;
}

/** The real server (demo seeded, scheduler off) with `env` on top of the test defaults. */
export async function startMatrixServer(env: Record<string, string>, options: { clock: Clock; botChannelTokens?: ChannelTokenSource }): Promise<MatrixServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "circles-matrix-"));
  const config = loadConfig({ ...localServerEnv(dataDir), SEED_DEMO: "true", ...env });
  const store = countingStore(await openStore({ mode: "local", dataDir, cosmos: config.cosmos }));
  const running = await startServer(config, { clock: options.clock, logger: pino({ level: "silent" }), store, scheduler: false, botChannelTokens: options.botChannelTokens });
  return {
    ...running,
    baseUrl: running.url,
    store,
    close: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
