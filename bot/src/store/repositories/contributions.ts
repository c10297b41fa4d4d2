import { randomBytes, createHash } from "node:crypto";
import { isAppError } from "../../domain/errors";
import { type ArtifactFacts } from "../../domain/insights";
import { type BaseDocument, type DocumentContainer } from "../documents";
import { type DirectoryRepository } from "./directory";

/** A community document as stored, fields untouched (erasure rewrites what it does not know too). */
export interface RawDoc extends BaseDocument {
  communityId: string;
  [field: string]: unknown;
}

/** Kinds of document small enough per community to read whole when looking for a person's name in them. */
const SMALL_KINDS = ["session", "series", "followUp", "swap", "practice", "prompt", "promptPosting", "buddyRound", "peerCircle", "community", "charterVersion"];

const ERASURE_PREFIX = "erasure-";

/** Kinds that are never one person's own, whatever their id says: the member record and the library's items and versions. */
const SHARED_KINDS = ["member", "artifact", "artifactVersion"];

/**
 * Who contributed what, across the kinds of a community's documents: the month-bounded
 * reads behind the insights, and the reads and rewrites behind a member's data rights
 * (export and erasure). Every query is a single-partition query in the community's partition.
 */
export class ContributionRepository {
  constructor(
    private readonly container: DocumentContainer,
    private readonly directory: DirectoryRepository,
  ) {}

  /** Library items created in [from, to), without their bodies: only what the insights read of them. */
  async artifactsCreatedBetween(communityId: string, from: string, to: string): Promise<ArtifactFacts[]> {
    const rows = await this.container.queryAll<Partial<ArtifactFacts> & Pick<ArtifactFacts, "id" | "authorId" | "createdAt" | "artifactType" | "visibility" | "title">>(communityId, {
      query:
        "SELECT c.id, c.authorId, c.createdAt, c.artifactType, c.visibility, c.anonymous, c.deleted, c.title, c.summary, c.fields.situation AS situation FROM c WHERE c.type = 'artifact' AND c.createdAt >= @from AND c.createdAt < @to",
      parameters: [
        { name: "@from", value: from },
        { name: "@to", value: to },
      ],
    });
    // Fields an item was saved without come back absent: an item is named and kept unless it says otherwise.
    return rows.map((r) => ({
      id: r.id,
      authorId: r.authorId,
      createdAt: r.createdAt,
      artifactType: r.artifactType,
      visibility: r.visibility,
      anonymous: r.anonymous === true,
      deleted: r.deleted === true,
      title: r.title,
      summary: r.summary ?? "",
      ...(typeof r.situation === "string" ? { situation: r.situation } : {}),
    }));
  }

  /** The text of these prompt postings, by id. */
  async postingTexts(communityId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.container.queryAll<{ id: string; text: string }>(communityId, {
      query: "SELECT c.id, c.text FROM c WHERE c.type = 'promptPosting' AND ARRAY_CONTAINS(@ids, c.id)",
      parameters: [{ name: "@ids", value: ids }],
    });
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  /**
   * Everything that is one person's own in a community, other than their member record:
   * documents with their `userId` (RSVPs, check-ins, feedback, answers, pilots, reflections,
   * acknowledgements…) and keyed index documents named after them (`…-<userId>`). Library
   * items and their versions are never "owned" by their id: they are shared documents,
   * found by their author fields (`authoredBy`, `mentioning`) and kept at their id.
   */
  async ownedBy(communityId: string, userId: string): Promise<RawDoc[]> {
    const docs = await this.container.queryAll<RawDoc>(communityId, {
      query: "SELECT * FROM c WHERE c.userId = @u OR CONTAINS(c.id, @u)",
      parameters: [{ name: "@u", value: userId }],
    });
    return docs.filter((d) => !SHARED_KINDS.includes(d.type) && !d.id.startsWith(ERASURE_PREFIX) && (d.userId === userId || (d.userId === undefined && d.id.endsWith(`-${userId}`))));
  }

  /** Items they wrote (anonymous and deleted ones included) and the follow-ups they own or created. */
  async authoredBy(communityId: string, userId: string): Promise<RawDoc[]> {
    return this.container.queryAll<RawDoc>(communityId, {
      query: "SELECT * FROM c WHERE (c.type = 'artifact' AND c.authorId = @u) OR (c.type = 'followUp' AND (c.ownerId = @u OR c.createdBy = @u))",
      parameters: [{ name: "@u", value: userId }],
    });
  }

  /**
   * Documents that name the person somewhere other than as their owner: items they wrote or
   * last edited, versions they saved, and any small-kind document (sessions, rounds,
   * practices, prompts, follow-ups, swaps, the community…) with their id in any field.
   */
  async mentioning(communityId: string, userId: string): Promise<RawDoc[]> {
    const docs = await this.container.queryAll<RawDoc>(communityId, {
      query: "SELECT * FROM c WHERE (c.type = 'artifact' AND (c.authorId = @u OR c.updatedBy = @u)) OR (c.type = 'artifactVersion' AND c.editedBy = @u) OR ARRAY_CONTAINS(@kinds, c.type)",
      parameters: [
        { name: "@u", value: userId },
        { name: "@kinds", value: SMALL_KINDS },
      ],
    });
    return docs.filter((d) => mentions(d, userId));
  }

  /**
   * Rewrites one document with `edit` (null: leave it). Same id: a conditional replace,
   * read again and retried when someone else saved meanwhile. New id: the new copy is
   * written first and the original deleted after, so a crash in between loses nothing and
   * running again finishes the move. False when the document is gone or `edit` left it.
   */
  async rewrite(communityId: string, id: string, edit: (doc: RawDoc) => RawDoc | null): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const found = await this.container.read<RawDoc>(communityId, id);
      if (!found) return false;
      const next = edit(found.doc);
      if (!next) return false;
      try {
        if (next.id === id) {
          await this.container.replace(next, found.etag);
        } else {
          await this.container.upsert(next);
          await this.container.delete(communityId, id, found.etag);
        }
        return true;
      } catch (e) {
        if (isAppError(e) && e.code === "edit_conflict") continue;
        if (isAppError(e) && e.code === "not_found") return false;
        throw e;
      }
    }
    throw new Error(`Could not rewrite ${id}: it kept changing.`);
  }

  /**
   * The pseudonym an erasure in progress uses, minted once (`former-<hash>` of a random
   * salt and the person) and kept in a marker until the erasure finishes, so a rerun after
   * a crash uses the same one. Once the marker is dropped nothing links the two.
   */
  async erasurePseudonym(communityId: string, tenantId: string, userId: string): Promise<string> {
    const id = `${ERASURE_PREFIX}${userId}`;
    const existing = await this.container.read<RawDoc>(communityId, id);
    if (existing && typeof existing.doc.pseudonym === "string") return existing.doc.pseudonym;
    const pseudonym = `former-${createHash("sha256").update(randomBytes(32)).update(userId).digest("hex").slice(0, 24)}`;
    try {
      await this.container.create<RawDoc>({ id, communityId, tenantId, type: "erasure", schemaVersion: 1, pseudonym });
      return pseudonym;
    } catch (e) {
      if (!isAppError(e) || e.code !== "already_exists") throw e;
      const raced = await this.container.read<RawDoc>(communityId, id);
      return String(raced?.doc.pseudonym);
    }
  }

  /** Deletes one document outright (a private draft nobody else could ever read). */
  async remove(communityId: string, id: string): Promise<void> {
    await this.container.delete(communityId, id);
  }

  async dropErasureMarker(communityId: string, userId: string): Promise<void> {
    await this.container.delete(communityId, `${ERASURE_PREFIX}${userId}`);
  }

  /**
   * Ends a membership: the user's membership index first, the member document last, so a
   * crash in between leaves a member who can run the erasure again to finish it.
   */
  async removeMember(tenantId: string, communityId: string, userId: string): Promise<void> {
    await this.directory.removeMembership(tenantId, userId, communityId);
    await this.container.delete(communityId, `member:${userId}`);
  }
}

/** True when `value` holds `userId` as a whole string anywhere inside it. */
export function mentions(value: unknown, userId: string): boolean {
  if (value === userId) return true;
  if (Array.isArray(value)) return value.some((v) => mentions(v, userId));
  if (value && typeof value === "object") return Object.values(value).some((v) => mentions(v, userId));
  return false;
}

/** `value` with every string equal to `from` replaced by `to`, at any depth. */
export function replaceDeep<T>(value: T, from: string, to: string): T {
  if (value === from) return to as T;
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, from, to)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, from, to)])) as T;
  return value;
}
