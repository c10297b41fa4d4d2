import type { ContainerName, ContainerSpec } from "../catalogue";

/**
 * Cosmos expiry rules: no container TTL → nothing expires; otherwise the item's `ttl`
 * wins (-1 = never), else the container default (-1 = never). Times in epoch seconds.
 */
export function expiresAt(spec: Pick<ContainerSpec, "defaultTtl">, doc: { ttl?: unknown }, lastWriteTs: number): number | null {
  if (spec.defaultTtl === undefined) return null;
  const ttl = typeof doc.ttl === "number" ? doc.ttl : spec.defaultTtl;
  if (ttl === -1 || ttl <= 0) return null;
  return lastWriteTs + ttl;
}

export function isExpired(spec: Pick<ContainerSpec, "defaultTtl">, doc: { ttl?: unknown }, lastWriteTs: number, nowSeconds: number): boolean {
  const at = expiresAt(spec, doc, lastWriteTs);
  return at !== null && nowSeconds >= at;
}

/**
 * The embedded server stamps `_ts` anew on every create, restores included, and never
 * expires anything. This remembers each restored document's real last-write time until
 * the document is written again (its etag changes), so TTL counts from the real write.
 */
export class WriteTimes {
  private readonly restored = new Map<string, { etag: string; ts: number }>();

  private static key(container: ContainerName, partition: string, id: string): string {
    return JSON.stringify([container, partition, id]);
  }

  remember(container: ContainerName, partition: string, id: string, etag: string, ts: number): void {
    this.restored.set(WriteTimes.key(container, partition, id), { etag, ts });
  }

  /** The time TTL counts from for a document read with its `_ts` and `_etag`. */
  lastWrite(container: ContainerName, partition: string, doc: { id: string; _ts?: unknown; _etag?: unknown }): number {
    const serverTs = typeof doc._ts === "number" ? doc._ts : Math.floor(Date.now() / 1000);
    const key = WriteTimes.key(container, partition, doc.id);
    const known = this.restored.get(key);
    if (!known) return serverTs;
    if (known.etag === doc._etag) return known.ts;
    this.restored.delete(key);
    return serverTs;
  }
}
