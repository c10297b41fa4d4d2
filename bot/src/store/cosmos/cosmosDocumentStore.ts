import { BulkOperationType, type Container, type CosmosClient, type JSONObject, type OperationInput, type OperationResponse, type PatchOperation, type RetryOptions } from "@azure/cosmos";
import { alreadyExists, editConflict, notFound, payloadTooLarge } from "../../domain/errors";
import { CATALOGUE, CONTAINERS, type ContainerName } from "../catalogue";
import type { BaseDocument, DocumentContainer, DocumentStore, Page, PageRequest, QuerySpec, QueryValue, Stored } from "../documents";
import { silentLogger, type StoreLogger } from "../logger";
import { RequestMeter, createCosmosClient, type CosmosAuth } from "./client";
import { DEFAULT_RETRY_POLICY, noteSavedWrite, statusOf, withRetry, type AttemptInfo, type RetryPolicy } from "./retry";
import { scopeToPartition } from "./partitionScope";
import { ensureSchema } from "./schema";
import { storedAsSent, stripSystemFields, type RawDocument } from "./systemFields";

/** Cosmos refuses transactional batches of more than 100 operations. */
export const MAX_BATCH = 100;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

export interface CosmosStoreOptions {
  endpoint: string;
  database: string;
  auth: CosmosAuth;
  retry?: Partial<RetryPolicy>;
  /** The SDK's own 429 retries, inside each attempt of `retry`. */
  throttleRetry?: RetryOptions;
  requestTimeoutMs?: number;
  logger?: StoreLogger;
  /** Told after every write attempt, successful or not; the local store snapshots on it. */
  onWrite?: (container: ContainerName) => void;
}

interface Shared {
  database: string;
  client: CosmosClient;
  meter: RequestMeter;
  retry: RetryPolicy;
  logger: StoreLogger;
  onWrite: (container: ContainerName) => void;
}

/** "teamLink" → "This team link", for messages people read. */
function describe(doc: { type?: unknown }): string {
  const type = typeof doc.type === "string" && doc.type ? doc.type.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase() : "item";
  return `This ${type}`;
}

function partitionValueAt(path: string, doc: object): unknown {
  let value: unknown = doc;
  for (const segment of path.slice(1).split("/")) {
    value = typeof value === "object" && value !== null ? (value as RawDocument)[segment] : undefined;
  }
  return value;
}

function mapPermanent(e: unknown): unknown {
  if (statusOf(e) === 413) return payloadTooLarge("the 2 MB Cosmos DB document limit");
  return e;
}

function transientBatchFailure(result: OperationResponse): Error | undefined {
  if (![408, 429, 449, 503].includes(result.statusCode)) return undefined;
  return Object.assign(new Error(`A batch operation answered ${result.statusCode}.`), { code: result.statusCode });
}

/** One catalogue container; every call is retried within the budget and mapped to AppErrors. */
export class CosmosContainer implements DocumentContainer {
  private readonly container: Container;
  private readonly partitionPath: string;

  constructor(
    readonly name: ContainerName,
    private readonly shared: Shared,
  ) {
    this.container = shared.client.database(shared.database).container(CATALOGUE[name].name);
    this.partitionPath = CATALOGUE[name].partitionKey;
  }

  /** The partition key value of `doc`; a document without one is a bug in the caller. */
  partitionOf(doc: object): string {
    const value = partitionValueAt(this.partitionPath, doc);
    if (typeof value !== "string" || value === "") {
      const id = (doc as { id?: unknown }).id;
      throw new TypeError(`Document "${String(id)}" for container "${this.name}" needs a non-empty string at ${this.partitionPath} (its partition key).`);
    }
    return value;
  }

  private async readRaw(partition: string, id: string, abortSignal: AbortSignal): Promise<{ resource: RawDocument; etag: string } | null> {
    try {
      const response = await this.container.item(id, partition).read<RawDocument>({ abortSignal });
      if (response.statusCode === 404 || !response.resource) return null;
      const etag = typeof response.resource._etag === "string" ? response.resource._etag : response.etag;
      return { resource: response.resource, etag };
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  private stored<T>(resource: RawDocument | undefined, fallbackEtag: string): Stored<T> {
    if (!resource) throw new Error(`Cosmos answered a write to "${this.name}" without the document.`);
    const etag = typeof resource._etag === "string" ? resource._etag : fallbackEtag;
    return { doc: stripSystemFields(resource) as T, etag };
  }

  /** After an attempt whose answer was lost, finds out whether it did land. */
  private async landedAsSent<T extends BaseDocument>(doc: T, signal: AbortSignal): Promise<Stored<T> | null> {
    const current = await this.readRaw(this.partitionOf(doc), doc.id, signal);
    return current && storedAsSent(current.resource, doc) ? this.stored<T>(current.resource, current.etag) : null;
  }

  private async write<T>(operation: (info: AttemptInfo) => Promise<T>): Promise<T> {
    try {
      const result = await withRetry(this.shared.retry, operation, "write");
      noteSavedWrite();
      return result;
    } finally {
      this.shared.onWrite(this.name);
    }
  }

  async read<T extends BaseDocument>(partition: string, id: string): Promise<Stored<T> | null> {
    const found = await withRetry(this.shared.retry, ({ signal }) => this.readRaw(partition, id, signal));
    return found ? this.stored<T>(found.resource, found.etag) : null;
  }

  async create<T extends BaseDocument>(doc: T): Promise<Stored<T>> {
    this.partitionOf(doc);
    return this.write(async ({ mayHaveApplied, signal }) => {
      try {
        const response = await this.container.items.create<RawDocument>(doc as unknown as RawDocument, {
          disableAutomaticIdGeneration: true,
          abortSignal: signal,
        });
        return this.stored<T>(response.resource, response.etag);
      } catch (e) {
        if (statusOf(e) !== 409) throw mapPermanent(e);
        const mine = mayHaveApplied ? await this.landedAsSent(doc, signal) : null;
        if (mine) return mine;
        throw alreadyExists(describe(doc));
      }
    });
  }

  async replace<T extends BaseDocument>(doc: T, etag: string): Promise<Stored<T>> {
    const partition = this.partitionOf(doc);
    return this.write(async ({ mayHaveApplied, signal }) => {
      try {
        const response = await this.container
          .item(doc.id, partition)
          .replace<RawDocument>(doc as unknown as RawDocument, { accessCondition: { type: "IfMatch", condition: etag }, abortSignal: signal });
        return this.stored<T>(response.resource, response.etag);
      } catch (e) {
        const status = statusOf(e);
        if (status === 404) throw notFound(describe(doc));
        if (status !== 412) throw mapPermanent(e);
        const mine = mayHaveApplied ? await this.landedAsSent(doc, signal) : null;
        if (mine) return mine;
        throw editConflict(describe(doc));
      }
    });
  }

  async upsert<T extends BaseDocument>(doc: T): Promise<Stored<T>> {
    this.partitionOf(doc);
    return this.write(async ({ signal }) => {
      try {
        const response = await this.container.items.upsert<RawDocument>(doc as unknown as RawDocument, {
          disableAutomaticIdGeneration: true,
          abortSignal: signal,
        });
        return this.stored<T>(response.resource, response.etag);
      } catch (e) {
        throw mapPermanent(e);
      }
    });
  }

  async increment(partition: string, id: string, field: string, by: number, set: Record<string, QueryValue> = {}): Promise<void> {
    for (const name of [field, ...Object.keys(set)]) {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new RangeError(`Not a top-level field name: ${name}`);
    }
    const operations: PatchOperation[] = [{ op: "incr", path: `/${field}`, value: by }, ...Object.entries(set).map(([name, value]): PatchOperation => ({ op: "set", path: `/${name}`, value }))];
    await this.write(async ({ signal }) => {
      try {
        await this.container.item(id, partition).patch({ operations }, { abortSignal: signal });
      } catch (e) {
        if (statusOf(e) === 404) throw notFound("This item");
        throw mapPermanent(e);
      }
    });
  }

  async delete(partition: string, id: string, etag?: string): Promise<void> {
    await this.write(async ({ signal }) => {
      try {
        await this.container.item(id, partition).delete({ abortSignal: signal, ...(etag ? { accessCondition: { type: "IfMatch", condition: etag } } : {}) });
      } catch (e) {
        const status = statusOf(e);
        if (status === 404) return;
        if (status === 412) throw editConflict("This item");
        throw e;
      }
    });
  }

  async query<T>(partition: string, spec: QuerySpec, page: PageRequest = {}): Promise<Page<T>> {
    const limit = page.limit ?? DEFAULT_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new RangeError(`A page holds 1 to ${MAX_PAGE} items, not ${limit}.`);
    const scoped = scopeToPartition(spec, this.partitionPath, partition);
    return withRetry(this.shared.retry, async ({ signal }) => {
      const response = await this.container.items
        .query<T>(scoped, { partitionKey: partition, maxItemCount: limit, continuationToken: page.continuationToken, abortSignal: signal })
        .fetchNext();
      return { items: response.resources.map((item) => stripSystemFields(item)), continuationToken: response.continuationToken || null };
    });
  }

  async queryAll<T>(partition: string, spec: QuerySpec): Promise<T[]> {
    const scoped = scopeToPartition(spec, this.partitionPath, partition);
    return withRetry(this.shared.retry, async ({ signal }) => {
      const response = await this.container.items.query<T>(scoped, { partitionKey: partition, abortSignal: signal }).fetchAll();
      return response.resources.map((item) => stripSystemFields(item));
    });
  }

  async queryAcrossPartitionsForAdmin<T>(spec: QuerySpec): Promise<T[]> {
    return withRetry(this.shared.retry, async ({ signal }) => {
      const response = await this.container.items.query<T>(spec, { abortSignal: signal }).fetchAll();
      return response.resources.map((item) => stripSystemFields(item));
    });
  }

  async createAll<T extends BaseDocument>(partition: string, docs: T[]): Promise<void> {
    if (docs.length === 0) return;
    if (docs.length > MAX_BATCH) throw new RangeError(`createAll takes at most ${MAX_BATCH} documents (Cosmos transactional batch limit), not ${docs.length}.`);
    for (const doc of docs) {
      if (this.partitionOf(doc) !== partition) throw new TypeError(`createAll: document "${doc.id}" is not in partition "${partition}".`);
    }
    const operations: OperationInput[] = docs.map((doc) => ({ operationType: BulkOperationType.Create, resourceBody: doc as unknown as JSONObject }));
    const whatFor = describe(docs[0] ?? {});
    const allLanded = async (signal: AbortSignal) =>
      (await Promise.all(docs.map((doc) => this.landedAsSent(doc, signal)))).every((found) => found !== null);

    await this.write(async ({ mayHaveApplied, signal }) => {
      const outcome = await this.shared.meter.capturing(() => this.container.items.batch(operations, partition, { abortSignal: signal }));
      if (outcome.error !== undefined) {
        const cause = outcome.lastHttpFailure ?? outcome.error;
        if (statusOf(cause) !== 409) throw mapPermanent(cause);
        if (mayHaveApplied && (await allLanded(signal))) return;
        throw alreadyExists(whatFor);
      }
      const results = outcome.result?.result ?? [];
      const ok = results.length === docs.length && results.every((r) => r.statusCode >= 200 && r.statusCode < 300);
      if (ok) return;
      await this.undoPartialBatch(partition, docs, results);
      const failed = results.find((r) => r.statusCode >= 400 && r.statusCode !== 424);
      if (failed?.statusCode === 409) {
        if (mayHaveApplied && (await allLanded(signal))) return;
        throw alreadyExists(whatFor);
      }
      if (failed) {
        throw transientBatchFailure(failed) ?? mapPermanent(Object.assign(new Error(`createAll into "${this.name}" failed: ${failed.statusCode}.`), { code: failed.statusCode }));
      }
      throw new Error(`createAll into "${this.name}" got ${results.length} results for ${docs.length} documents.`);
    });
  }

  /**
   * Cosmos rolls a failed transactional batch back; the embedded server does not (it
   * stops at the first failure and keeps what it created), so take those back here.
   */
  private async undoPartialBatch(partition: string, docs: BaseDocument[], results: OperationResponse[]): Promise<void> {
    const applied = results.flatMap((result, i) => (result.statusCode >= 200 && result.statusCode < 300 && docs[i] ? [{ id: docs[i].id, etag: result.eTag }] : []));
    for (const { id, etag } of applied) {
      try {
        await withRetry(
          this.shared.retry,
          async ({ signal }) => {
            try {
              await this.container.item(id, partition).delete({ abortSignal: signal, ...(etag ? { accessCondition: { type: "IfMatch", condition: etag } } : {}) });
            } catch (e) {
              if (statusOf(e) !== 404) throw e;
            }
          },
          "write",
        );
      } catch (e) {
        this.shared.logger.error({ container: this.name, partition, id, err: e }, "could not undo a partly applied batch; this document stays");
      }
    }
  }

  /** Admin path (snapshots, TTL sweep): every document of the container, cross-partition, keeping the named system fields. */
  async readEverythingForAdmin(keep: readonly string[] = ["_ts"]): Promise<RawDocument[]> {
    return withRetry(this.shared.retry, async ({ signal }) => {
      const response = await this.container.items.query<RawDocument>("SELECT * FROM c", { abortSignal: signal }).fetchAll();
      return response.resources.map((doc) => stripSystemFields(doc, keep));
    });
  }

  /**
   * Admin path (restore): creates documents in transactional batches per partition, several
   * batches at a time, and returns each one's new etag. Any refusal stops the restore
   * rather than leaving a silent gap.
   */
  async importForAdmin(docs: RawDocument[], concurrency = 4): Promise<{ partition: string; id: string; etag: string }[]> {
    const byPartition = new Map<string, RawDocument[]>();
    for (const doc of docs) {
      const partition = this.partitionOf(doc);
      const list = byPartition.get(partition) ?? [];
      list.push(stripSystemFields(doc));
      byPartition.set(partition, list);
    }
    const batches: { partition: string; docs: RawDocument[] }[] = [];
    for (const [partition, list] of byPartition) {
      for (let i = 0; i < list.length; i += MAX_BATCH) batches.push({ partition, docs: list.slice(i, i + MAX_BATCH) });
    }
    const created: { partition: string; id: string; etag: string }[] = [];
    let next = 0;
    const worker = async () => {
      for (let batch = batches[next++]; batch; batch = batches[next++]) {
        const { partition, docs: part } = batch;
        const operations: OperationInput[] = part.map((doc) => ({ operationType: BulkOperationType.Create, resourceBody: doc as JSONObject }));
        const response = await withRetry(this.shared.retry, async ({ signal }) => {
          const outcome = await this.shared.meter.capturing(() => this.container.items.batch(operations, partition, { abortSignal: signal }));
          if (outcome.error !== undefined) throw outcome.lastHttpFailure ?? outcome.error;
          return outcome.result;
        });
        const results = response?.result ?? [];
        const refused = results.findIndex((r) => r.statusCode < 200 || r.statusCode >= 300);
        if (refused !== -1 || results.length !== part.length) {
          const at = refused === -1 ? results.length : refused;
          throw new Error(`Restoring "${this.name}" failed at document "${String(part[at]?.id)}" in partition "${partition}" (status ${results[at]?.statusCode ?? "missing"}).`);
        }
        results.forEach((r, i) => created.push({ partition, id: String(part[i]?.id), etag: r.eTag ?? "" }));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, batches.length)) }, worker));
    return created;
  }
}

/**
 * The DocumentStore on the real @azure/cosmos client: Azure with Entra ID, or the embedded
 * server locally. Same code path either way; only the endpoint and credential differ.
 */
export class CosmosDocumentStore implements DocumentStore {
  private readonly shared: Shared;
  private readonly containers = new Map<ContainerName, CosmosContainer>();

  constructor(options: CosmosStoreOptions) {
    const meter = new RequestMeter();
    const client = createCosmosClient(
      { endpoint: options.endpoint, auth: options.auth, throttleRetry: options.throttleRetry, requestTimeoutMs: options.requestTimeoutMs },
      meter,
    );
    this.shared = {
      database: options.database,
      client,
      meter,
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      logger: options.logger ?? silentLogger,
      onWrite: options.onWrite ?? (() => {}),
    };
  }

  get requestCount(): number {
    return this.shared.meter.count;
  }

  /** Creates the database and catalogue containers when missing; fails on a partition key mismatch. */
  async ensureSchema(): Promise<void> {
    await withRetry(this.shared.retry, () => ensureSchema(this.shared.client, this.shared.database, CONTAINERS, this.shared.logger));
  }

  container(name: ContainerName): CosmosContainer {
    let found = this.containers.get(name);
    if (!found) {
      if (!(name in CATALOGUE)) throw new TypeError(`"${name}" is not a container in the catalogue.`);
      found = new CosmosContainer(name, this.shared);
      this.containers.set(name, found);
    }
    return found;
  }

  async ping(): Promise<boolean> {
    try {
      await this.shared.client.database(this.shared.database).read({ abortSignal: AbortSignal.timeout(3000) });
      return true;
    } catch {
      return false;
    }
  }

  /** Nothing is buffered: every write is in Cosmos when its promise resolves. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.shared.client.dispose();
  }
}
