import type { ContainerName } from "./catalogue";

/** Fields every stored document carries. The partition key field depends on the container. */
export interface BaseDocument {
  id: string;
  /** Discriminator, e.g. "community", "member", "artifact", "teamLink". */
  type: string;
  schemaVersion: number;
  tenantId: string;
  /** Per-item TTL in seconds, only in containers whose catalogue entry enables TTL. */
  ttl?: number;
}

/** A document as read, with the etag that a conditional update must quote. */
export interface Stored<T> {
  doc: T;
  etag: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; null when there are no more pages. */
  continuationToken: string | null;
}

export type QueryValue = string | number | boolean | null | QueryValue[] | { [k: string]: QueryValue };

export interface QuerySpec {
  query: string;
  parameters?: { name: string; value: QueryValue }[];
}

export interface PageRequest {
  limit?: number;
  continuationToken?: string;
}

/**
 * One Cosmos container seen in domain terms. Every method maps storage failures to
 * AppErrors: 409 on create → `already_exists`, 412 on replace/delete → `edit_conflict`,
 * retries exhausted on 429/503/timeouts → `unavailable`. Returned docs carry no system
 * fields (`_rid`, `_self`, `_ts`, `_etag`, `_attachments`).
 */
export interface DocumentContainer {
  read<T extends BaseDocument>(partition: string, id: string): Promise<Stored<T> | null>;
  create<T extends BaseDocument>(doc: T): Promise<Stored<T>>;
  /** Replaces only if the stored etag still equals `etag`; a document deleted meanwhile is `not_found`. */
  replace<T extends BaseDocument>(doc: T, etag: string): Promise<Stored<T>>;
  upsert<T extends BaseDocument>(doc: T): Promise<Stored<T>>;
  /**
   * Adds `by` to a number field on the server (a patch: no read, no etag), for counters that
   * must never collide with edits; `set` writes other top-level fields in the same patch
   * (e.g. when it was last counted). A retried increment may count once more; fine for counters.
   */
  increment(partition: string, id: string, field: string, by: number, set?: Record<string, QueryValue>): Promise<void>;
  /** Deletes; with `etag`, only if unchanged. Deleting a missing document is not an error. */
  delete(partition: string, id: string, etag?: string): Promise<void>;
  /**
   * A single-partition query, one page. The store adds the partition filter to the SQL
   * itself; `FROM x IN c.path` is refused (use JOIN). No OFFSET/LIMIT: page with the token.
   */
  query<T>(partition: string, spec: QuerySpec, page?: PageRequest): Promise<Page<T>>;
  /** A single-partition query, every page (for small result sets only). */
  queryAll<T>(partition: string, spec: QuerySpec): Promise<T[]>;
  /** Cross-partition: admin and background paths only (snapshots, migrations). */
  queryAcrossPartitionsForAdmin<T>(spec: QuerySpec): Promise<T[]>;
  /** Creates all or none, in one partition (transactional batch, at most 100). */
  createAll<T extends BaseDocument>(partition: string, docs: T[]): Promise<void>;
}

export interface DocumentStore {
  container(name: ContainerName): DocumentContainer;
  /** True when the store answers a cheap read. */
  ping(): Promise<boolean>;
  /** Persist whatever is pending (local snapshot); a no-op in Azure. */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Requests sent to Cosmos since start (retries included): lets benches count round trips. */
  readonly requestCount: number;
}
