import { join } from "node:path";
import { isAppError } from "../../domain/errors";
import { CATALOGUE, DATABASE_NAME, type ContainerName, type ContainerSpec } from "../catalogue";
import { CosmosDocumentStore, type CosmosContainer } from "../cosmos/cosmosDocumentStore";
import type { RetryPolicy } from "../cosmos/retry";
import { stripSystemFields } from "../cosmos/systemFields";
import type { DocumentStore } from "../documents";
import { silentLogger, type StoreLogger } from "../logger";
import { lockDataDir } from "./dataDirLock";
import { startEmbeddedServer, type EmbeddedServer } from "./server";
import { SNAPSHOT_FILE, SNAPSHOT_FORMAT, readSnapshot, removeStaleTempFiles, type Snapshot, type SnapshotDocument } from "./snapshotFile";
import { Snapshotter } from "./snapshotter";
import { WriteTimes, isExpired } from "./ttl";

export interface EmbeddedStoreOptions {
  dataDir: string;
  database?: string;
  logger?: StoreLogger;
  /** Delay between a write and the snapshot that saves it. */
  snapshotDebounceMs?: number;
  /** How often expired documents are deleted (the server has no TTL of its own); 0 turns the sweep off. */
  ttlSweepIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Epoch milliseconds; tests move it to exercise TTL. */
  now?: () => number;
}

/**
 * The embedded server runs in this process: an answer is slow only when the process is
 * busy, and a retry would add to the work. So its requests may take as long as the call's deadline allows.
 */
const EMBEDDED_REQUEST_TIMEOUT_MS = 10_000;

const CONTAINER_NAMES = Object.keys(CATALOGUE) as ContainerName[];
const specOf = (name: ContainerName): ContainerSpec => CATALOGUE[name];

/**
 * The local store: the embedded server behind the real Cosmos client, persisted to
 * `DATA_DIR/store.json` by snapshots read back through that same client.
 */
export class EmbeddedDocumentStore implements DocumentStore {
  private readonly writeTimes = new WriteTimes();
  private readonly snapshotter: Snapshotter;
  private readonly cosmos: CosmosDocumentStore;
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: EmbeddedServer,
    private readonly lock: { release(): Promise<void> },
    readonly file: string,
    private readonly options: EmbeddedStoreOptions,
    private readonly logger: StoreLogger,
  ) {
    this.snapshotter = new Snapshotter({ file, debounceMs: options.snapshotDebounceMs ?? 300, capture: () => this.capture(), logger });
    this.cosmos = new CosmosDocumentStore({
      endpoint: server.endpoint,
      database: options.database ?? DATABASE_NAME,
      auth: { kind: "embedded", agent: server.agent },
      retry: options.retry,
      requestTimeoutMs: EMBEDDED_REQUEST_TIMEOUT_MS,
      logger,
      onWrite: () => this.snapshotter.noteWrite(),
    });
  }

  /**
   * Starts the server, creates the schema and loads `store.json` when present. A damaged
   * file stops start-up with a SnapshotFileError and is left untouched.
   */
  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedDocumentStore> {
    const logger = options.logger ?? silentLogger;
    const file = join(options.dataDir, SNAPSHOT_FILE);
    const lock = await lockDataDir(options.dataDir);
    let server: EmbeddedServer | undefined;
    let store: EmbeddedDocumentStore | undefined;
    try {
      const snapshot = await readSnapshot(file);
      const stale = await removeStaleTempFiles(file);
      if (stale.length) logger.warn({ files: stale }, "removed temp files an interrupted snapshot left behind");
      server = await startEmbeddedServer();
      store = new EmbeddedDocumentStore(server, lock, file, options, logger);
      await store.cosmos.ensureSchema();
      if (snapshot) await store.restore(snapshot);
      store.startSweeper();
      logger.info({ endpoint: server.endpoint, file }, "local store ready");
      return store;
    } catch (e) {
      if (store) await store.cosmos.close();
      if (server) await server.close();
      await lock.release();
      throw e;
    }
  }

  get requestCount(): number {
    return this.cosmos.requestCount;
  }

  /** Where the embedded server listens, for logs and tooling. */
  get endpoint(): string {
    return this.server.endpoint;
  }

  container(name: ContainerName): CosmosContainer {
    return this.cosmos.container(name);
  }

  ping(): Promise<boolean> {
    return this.cosmos.ping();
  }

  /** Writes the snapshot now if anything changed since the last one. */
  flush(): Promise<void> {
    return this.snapshotter.flush();
  }

  /** Flushes, then stops the server and frees the data folder; a failed flush is still reported. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.sweeper) clearInterval(this.sweeper);
      await this.sweeping?.catch(() => 0);
      try {
        await this.snapshotter.stop();
      } finally {
        await this.cosmos.close();
        await this.server.close();
        await this.lock.release();
      }
    })();
    return this.closing;
  }

  private nowSeconds(): number {
    return Math.floor((this.options.now ?? Date.now)() / 1000);
  }

  private async restore(snapshot: Snapshot): Promise<void> {
    const started = Date.now();
    const now = this.nowSeconds();
    let restored = 0;
    let expired = 0;
    for (const name of CONTAINER_NAMES) {
      const docs = snapshot.containers[name] ?? [];
      const spec = specOf(name);
      const live = docs.filter((doc) => !isExpired(spec, doc, doc._ts ?? now, now));
      expired += docs.length - live.length;
      const created = await this.cosmos.container(name).importForAdmin(live);
      const byKey = new Map(live.map((doc) => [JSON.stringify([this.cosmos.container(name).partitionOf(doc), doc.id]), doc]));
      for (const { partition, id, etag } of created) {
        const ts = byKey.get(JSON.stringify([partition, id]))?._ts;
        if (ts !== undefined) this.writeTimes.remember(name, partition, id, etag, ts);
      }
      restored += created.length;
    }
    this.logger.info({ file: this.file, savedAt: snapshot.savedAt, restored, expired, ms: Date.now() - started }, "local store restored from snapshot");
  }

  /** Admin path: reads every container cross-partition and drops what has expired. */
  private async capture(): Promise<Snapshot> {
    const now = this.nowSeconds();
    const containers: Snapshot["containers"] = {};
    for (const name of CONTAINER_NAMES) {
      const container = this.cosmos.container(name);
      const docs = await container.readEverythingForAdmin(["_ts", "_etag"]);
      const kept: SnapshotDocument[] = [];
      for (const doc of docs) {
        const withId = doc as SnapshotDocument & { _etag?: unknown };
        const lastWrite = this.writeTimes.lastWrite(name, container.partitionOf(doc), withId);
        if (isExpired(specOf(name), doc, lastWrite, now)) continue;
        kept.push({ ...stripSystemFields(withId), _ts: lastWrite });
      }
      containers[name] = kept;
    }
    return { format: SNAPSHOT_FORMAT, savedAt: new Date((this.options.now ?? Date.now)()).toISOString(), containers };
  }

  /**
   * Deletes expired documents in TTL containers (admin path, cross-partition), the way
   * Cosmos does in the background. Returns how many it deleted.
   */
  sweepExpired(): Promise<number> {
    this.sweeping ??= (async () => {
      let deleted = 0;
      try {
        const now = this.nowSeconds();
        for (const name of CONTAINER_NAMES) {
          if (specOf(name).defaultTtl === undefined) continue;
          const container = this.cosmos.container(name);
          for (const doc of await container.readEverythingForAdmin(["_ts", "_etag"])) {
            const partition = container.partitionOf(doc);
            const withId = doc as SnapshotDocument & { _etag?: unknown };
            if (!isExpired(specOf(name), doc, this.writeTimes.lastWrite(name, partition, withId), now)) continue;
            try {
              await container.delete(partition, withId.id, typeof withId._etag === "string" ? withId._etag : undefined);
              deleted += 1;
            } catch (e) {
              if (!isAppError(e) || e.code !== "edit_conflict") throw e;
            }
          }
        }
        return deleted;
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  private startSweeper(): void {
    const every = this.options.ttlSweepIntervalMs ?? 30_000;
    if (every <= 0) return;
    this.sweeper = setInterval(() => {
      this.sweepExpired().catch((err: unknown) => this.logger.warn({ err }, "TTL sweep of the local store failed; will try again"));
    }, every);
    this.sweeper.unref();
  }
}
