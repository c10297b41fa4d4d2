import { createHash } from "node:crypto";
import { type z } from "zod";
import { badRequest } from "../../domain/errors";
import { type DocumentContainer, type Page, type PageRequest, type QuerySpec, type Stored } from "../documents";

/**
 * Community-scoped entities are stored flat: the contract's fields plus the partition
 * key (`communityId`), a `type` discriminator and a schema version. Entity ids are minted
 * with a kind prefix (`art-`, `prc-`, `ser-`), so they double as document ids; members,
 * keyed by user, get `member:<userId>`.
 */
export const SCHEMA_VERSION = 1;

export type EntityKind = "community" | "member" | "artifact" | "artifactVersion" | "series" | "practice" | "session" | "rsvp" | "checkIn" | "feedback" | "followUp" | "swap" | "buddyRound" | "buddyReflection" | "peerCircle" | "pilot" | "prompt" | "promptPosting" | "promptAnswer" | "charterVersion" | "charterAck";

interface Mapping<T> {
  kind: EntityKind;
  schema: z.ZodType<T>;
  docId(entity: T): string;
  communityId(entity: T): string;
  tenantId(entity: T): string;
  /** Entity fields stored under another name, e.g. an artifact's `type` would clash with the discriminator. */
  renames?: Record<string, string>;
  /** Storage-only fields derived from the entity (search text, TTL), dropped again on read. */
  derived?: (entity: T) => Record<string, unknown>;
}

interface CommunityDoc {
  id: string;
  communityId: string;
  tenantId: string;
  type: EntityKind;
  schemaVersion: number;
  [field: string]: unknown;
}

/** Typed access to one kind of entity in the communities container. */
export class EntityCollection<T extends object> {
  constructor(
    readonly container: DocumentContainer,
    private readonly mapping: Mapping<T>,
  ) {}

  toDoc(entity: T): CommunityDoc {
    const m = this.mapping;
    const fields: Record<string, unknown> = { ...(entity as Record<string, unknown>) };
    for (const [from, to] of Object.entries(m.renames ?? {})) {
      fields[to] = fields[from];
      delete fields[from];
    }
    return { ...fields, ...m.derived?.(entity), id: m.docId(entity), communityId: m.communityId(entity), tenantId: m.tenantId(entity), type: m.kind, schemaVersion: SCHEMA_VERSION };
  }

  /** Parses a stored doc; a doc of another kind or an unreadable one is treated as absent. */
  fromDoc(doc: unknown): T | null {
    const d = doc as Partial<CommunityDoc> | null;
    if (!d || d.type !== this.mapping.kind) return null;
    const fields: Record<string, unknown> = { ...d };
    for (const [from, to] of Object.entries(this.mapping.renames ?? {})) fields[from] = fields[to];
    const parsed = this.mapping.schema.safeParse(fields);
    return parsed.success ? parsed.data : null;
  }

  async get(communityId: string, docId: string): Promise<Stored<T> | null> {
    const found = await this.container.read<CommunityDoc>(communityId, docId);
    const entity = found && this.fromDoc(found.doc);
    return found && entity ? { doc: entity, etag: found.etag } : null;
  }

  async create(entity: T): Promise<Stored<T>> {
    const saved = await this.container.create(this.toDoc(entity));
    return { doc: entity, etag: saved.etag };
  }

  async replace(entity: T, etag: string): Promise<Stored<T>> {
    const saved = await this.container.replace(this.toDoc(entity), etag);
    return { doc: entity, etag: saved.etag };
  }

  async upsert(entity: T): Promise<Stored<T>> {
    const saved = await this.container.upsert(this.toDoc(entity));
    return { doc: entity, etag: saved.etag };
  }

  /**
   * One page of a single-partition query whose WHERE must already restrict `c.type`. The
   * continuation token handed out is bound to this query, so a token from another search
   * or a mangled one is refused with a 400 instead of silently restarting.
   */
  async page(communityId: string, spec: QuerySpec, page?: PageRequest): Promise<Page<T>> {
    const binding = createHash("sha256").update(JSON.stringify([communityId, spec])).digest("base64url").slice(0, 16);
    const continuationToken = page?.continuationToken === undefined ? undefined : unwrapToken(page.continuationToken, binding);
    const result = await this.container.query<unknown>(communityId, spec, { limit: page?.limit, continuationToken });
    return {
      items: result.items.map((d) => this.fromDoc(d)).filter((x): x is T => x !== null),
      continuationToken: result.continuationToken === null ? null : Buffer.from(JSON.stringify({ b: binding, t: result.continuationToken })).toString("base64url"),
    };
  }

  async all(communityId: string): Promise<T[]> {
    const docs = await this.container.queryAll<unknown>(communityId, {
      query: "SELECT * FROM c WHERE c.type = @type",
      parameters: [{ name: "@type", value: this.mapping.kind }],
    });
    return docs.map((d) => this.fromDoc(d)).filter((x): x is T => x !== null);
  }

  async count(communityId: string): Promise<number> {
    const [n] = await this.container.queryAll<number>(communityId, {
      query: "SELECT VALUE COUNT(1) FROM c WHERE c.type = @type",
      parameters: [{ name: "@type", value: this.mapping.kind }],
    });
    return n ?? 0;
  }

  /** Writes many entities of one community, in transactional chunks of 100. */
  async delete(communityId: string, docId: string, etag?: string): Promise<void> {
    await this.container.delete(communityId, docId, etag);
  }

  async createMany(communityId: string, entities: T[]): Promise<void> {
    for (let i = 0; i < entities.length; i += 100) {
      await this.container.createAll(communityId, entities.slice(i, i + 100).map((e) => this.toDoc(e)));
    }
  }
}

function unwrapToken(token: string, binding: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const t = parsed as { b?: unknown; t?: unknown } | null;
  if (!t || typeof t.t !== "string") throw badRequest("continuationToken: is not one we issued; start again without it.", "continuationToken");
  if (t.b !== binding) throw badRequest("continuationToken: belongs to a different search; start again without it.", "continuationToken");
  return t.t;
}

export const mapping = <T>(m: Mapping<T>): Mapping<T> => m;
