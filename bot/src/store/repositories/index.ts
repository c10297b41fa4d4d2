import { type z } from "zod";
import { Artifact, ArtifactVersion, Community, Member, SessionSeries, type ArtifactType, type ARTIFACT_SORTS } from "../../contracts";
import { searchTextOf } from "../../domain/artifacts";
import { type Clock } from "../../domain/clock";
import { type DocumentStore, type Page, type PageRequest, type QuerySpec, type QueryValue, type Stored } from "../documents";

type ArtifactSort = (typeof ARTIFACT_SORTS)[number];
import { EntityCollection, mapping } from "./communityDocs";
import { DirectoryRepository } from "./directory";
import { JobRepository } from "./jobs";
import { BuddyRepository } from "./buddies";
import { RhythmRepository } from "./rhythm";
import { PracticeRepository } from "./practices";
import { ContributionRepository } from "./contributions";
import { CharterRepository } from "./charter";

export { DirectoryRepository, type ConversationRecord, type Membership } from "./directory";
export { JobRepository, bucketOf, type JobCursor } from "./jobs";
export { RhythmRepository } from "./rhythm";
export { PracticeRepository } from "./practices";
export { ContributionRepository, type RawDoc } from "./contributions";
export { CharterRepository } from "./charter";

/** Who is asking, as far as the store needs to know to filter what they may see. */
export interface ArtifactViewer {
  userId: string;
  circleIds: string[];
}

export interface ArtifactSearch {
  /** Lower-cased words; every one must appear. */
  words?: string[];
  type?: ArtifactType;
  priority?: string;
  authorId?: string;
  /** ISO instants bounding updatedAt: [from, before). */
  updatedFrom?: string;
  updatedBefore?: string;
  /** Only items whose review-by date is on or before this date. */
  reviewDueBy?: string;
  sort?: ArtifactSort;
  deleted?: boolean;
}

/**
 * Members, kept in step with the user's membership index in the directory (member doc
 * first, then the index, so a crash in between leaves a member /api/me heals on the next write).
 */
export class MemberRepository {
  constructor(
    private readonly collection: EntityCollection<Member>,
    private readonly directory: DirectoryRepository,
  ) {}

  get(communityId: string, userId: string): Promise<Stored<Member> | null> {
    return this.collection.get(communityId, `member:${userId}`);
  }

  list(communityId: string): Promise<Member[]> {
    return this.collection.all(communityId);
  }

  count(communityId: string): Promise<number> {
    return this.collection.count(communityId);
  }

  /** Takes the contract's input shape: preferences left out get their defaults. */
  async upsert(input: z.input<typeof Member>, communityName: string): Promise<Stored<Member>> {
    const member = Member.parse(input);
    const saved = await this.collection.upsert(member);
    await this.directory.setMembership(member.tenantId, member.userId, { communityId: member.communityId, communityName, role: member.role });
    return saved;
  }

  /** A conditional change (e.g. of role): only if the member is unchanged since read; the membership index follows. */
  async replace(member: Member, etag: string, communityName: string): Promise<Stored<Member>> {
    const saved = await this.collection.replace(member, etag);
    await this.directory.setMembership(member.tenantId, member.userId, { communityId: member.communityId, communityName, role: member.role });
    return saved;
  }
}

const SOFT_DELETE_TTL_SECONDS = 30 * 24 * 60 * 60;

const SORT_FIELDS: Record<ArtifactSort, string> = { newest: "c.createdAt", updated: "c.updatedAt", opened: "c.openCount" };

/** Artifacts and their versions, in the community's partition; every list is one single-partition query. */
export class ArtifactRepository {
  constructor(
    readonly collection: EntityCollection<Artifact>,
    readonly versions: EntityCollection<ArtifactVersion>,
  ) {}

  get(communityId: string, id: string): Promise<Stored<Artifact> | null> {
    return this.collection.get(communityId, id);
  }

  create(artifact: Artifact): Promise<Stored<Artifact>> {
    return this.collection.create(artifact);
  }

  replace(artifact: Artifact, etag: string): Promise<Stored<Artifact>> {
    return this.collection.replace(artifact, etag);
  }

  /**
   * One page of what `viewer` may see, filtered and sorted in the query itself. Filtering by
   * author never matches anonymous items, so a filter cannot reveal who wrote them.
   */
  list(communityId: string, viewer: ArtifactViewer, search: ArtifactSearch, page: PageRequest): Promise<Page<Artifact>> {
    const where = [
      "c.type = 'artifact'",
      "c.deleted = @deleted",
      "(c.visibility = 'community' OR (c.visibility = 'private' AND c.authorId = @userId) OR (c.visibility = 'circle' AND ARRAY_CONTAINS(@circleIds, c.circleId)))",
    ];
    const parameters: NonNullable<QuerySpec["parameters"]> = [
      { name: "@deleted", value: search.deleted ?? false },
      { name: "@userId", value: viewer.userId },
      { name: "@circleIds", value: viewer.circleIds },
    ];
    const add = (clause: string, name: string, value: QueryValue) => {
      where.push(clause);
      parameters.push({ name, value });
    };
    if (search.type) add("c.artifactType = @artifactType", "@artifactType", search.type);
    if (search.priority) add("ARRAY_CONTAINS(c.priorities, @priority)", "@priority", search.priority);
    if (search.authorId) add("(c.authorId = @authorId AND c.anonymous = false)", "@authorId", search.authorId);
    if (search.updatedFrom) add("c.updatedAt >= @from", "@from", search.updatedFrom);
    if (search.updatedBefore) add("c.updatedAt < @to", "@to", search.updatedBefore);
    if (search.reviewDueBy) add("(IS_STRING(c.reviewBy) AND c.reviewBy <= @reviewDue)", "@reviewDue", search.reviewDueBy);
    (search.words ?? []).forEach((word, i) => add(`CONTAINS(c.searchText, @w${i})`, `@w${i}`, word));
    const order = SORT_FIELDS[search.sort ?? "updated"];
    return this.collection.page(communityId, { query: `SELECT * FROM c WHERE ${where.join(" AND ")} ORDER BY ${order} DESC`, parameters }, page);
  }

  /** Counts one more open, on the server, without touching the item's version or racing edits. */
  countOpen(communityId: string, id: string): Promise<void> {
    return this.collection.container.increment(communityId, id, "openCount", 1);
  }

  /** Background path: items whose review-by date has come, in one community. */
  async listDueForReview(communityId: string, today: string): Promise<Artifact[]> {
    const docs = await this.collection.container.queryAll<unknown>(communityId, {
      query: "SELECT * FROM c WHERE c.type = 'artifact' AND c.deleted = false AND IS_STRING(c.reviewBy) AND c.reviewBy <= @today",
      parameters: [{ name: "@today", value: today }],
    });
    return docs.map((d) => this.collection.fromDoc(d)).filter((a): a is Artifact => a !== null);
  }

  /** The new item and its first version, all or nothing. */
  async createWithFirstVersion(artifact: Artifact, first: ArtifactVersion): Promise<void> {
    await this.collection.container.createAll(artifact.communityId, [this.collection.toDoc(artifact), this.versions.toDoc(first)]);
  }

  /**
   * The saved versions, newest first, up to the item's current one: a version document
   * left by a save that never completed is not history.
   */
  listVersions(communityId: string, artifactId: string, currentVersion: number): Promise<ArtifactVersion[]> {
    return this.versions.container
      .queryAll<unknown>(communityId, {
        query: "SELECT * FROM c WHERE c.type = 'artifactVersion' AND c.artifactId = @id AND c.version <= @current ORDER BY c.version DESC",
        parameters: [{ name: "@id", value: artifactId }, { name: "@current", value: currentVersion }],
      })
      .then((docs) => docs.map((d) => this.versions.fromDoc(d)).filter((v): v is ArtifactVersion => v !== null));
  }

  getVersion(communityId: string, artifactId: string, version: number): Promise<Stored<ArtifactVersion> | null> {
    return this.versions.get(communityId, versionDocId(artifactId, version));
  }

  createVersion(version: ArtifactVersion): Promise<Stored<ArtifactVersion>> {
    return this.versions.create(version);
  }

  replaceVersion(version: ArtifactVersion, etag: string): Promise<Stored<ArtifactVersion>> {
    return this.versions.replace(version, etag);
  }

  async deleteVersion(communityId: string, artifactId: string, version: number): Promise<void> {
    await this.versions.delete(communityId, versionDocId(artifactId, version));
  }

  /**
   * Takes back an item just written that must not stay (its source turned anonymous before
   * it was linked): the item first, then its versions.
   */
  async withdrawNew(communityId: string, artifactId: string): Promise<void> {
    const versions = await this.listVersions(communityId, artifactId, Number.MAX_SAFE_INTEGER);
    await this.collection.delete(communityId, artifactId);
    await Promise.all(versions.map((v) => this.versions.delete(communityId, versionDocId(artifactId, v.version))));
  }

  /** A deleted item's versions expire with it (same TTL), and stop expiring when it is restored. */
  async setVersionsExpiring(communityId: string, artifactId: string, currentVersion: number, expiring: boolean): Promise<void> {
    const versions = await this.listVersions(communityId, artifactId, currentVersion);
    await Promise.all(versions.map((v) => this.versions.upsert({ ...v, expiresWithItem: expiring })));
  }
}

const versionDocId = (artifactId: string, version: number) => `ver-${artifactId}-${version}`;

/** Admin and background path (named so): every community's id, across partitions. */
export async function listCommunityIdsForAdmin(store: DocumentStore): Promise<string[]> {
  const rows = await store.container("communities").queryAcrossPartitionsForAdmin<{ id: string }>({ query: "SELECT c.id FROM c WHERE c.type = 'community'" });
  return rows.map((r) => r.id);
}

export interface Repositories {
  store: DocumentStore;
  communities: EntityCollection<Community>;
  members: MemberRepository;
  artifacts: ArtifactRepository;
  series: EntityCollection<SessionSeries>;
  practices: PracticeRepository;
  rhythm: RhythmRepository;
  buddies: BuddyRepository;
  charter: CharterRepository;
  contributions: ContributionRepository;
  directory: DirectoryRepository;
  jobs: JobRepository;
}

/** Builds every repository over one store; cheap, so call it once at start-up. */
export function createRepositories(store: DocumentStore, clock: Clock): Repositories {
  const communities = store.container("communities");
  const directory = new DirectoryRepository(store.container("directory"), clock);
  return {
    store,
    directory,
    jobs: new JobRepository(store.container("jobs"), clock),
    communities: new EntityCollection(communities, mapping<Community>({ kind: "community", schema: Community, docId: (c) => c.id, communityId: (c) => c.id, tenantId: (c) => c.tenantId })),
    members: new MemberRepository(
      new EntityCollection(communities, mapping<Member>({ kind: "member", schema: Member, docId: (m) => `member:${m.userId}`, communityId: (m) => m.communityId, tenantId: (m) => m.tenantId })),
      directory,
    ),
    artifacts: new ArtifactRepository(
      new EntityCollection(
        communities,
        mapping<Artifact>({
          kind: "artifact",
          schema: Artifact,
          docId: (a) => a.id,
          communityId: (a) => a.communityId,
          tenantId: (a) => a.tenantId,
          renames: { type: "artifactType" },
          derived: (a) => ({ searchText: searchTextOf(a), ...(a.deleted ? { ttl: SOFT_DELETE_TTL_SECONDS } : {}) }),
        }),
      ),
      new EntityCollection(
        communities,
        mapping<ArtifactVersion>({
          kind: "artifactVersion",
          schema: ArtifactVersion,
          docId: (v) => versionDocId(v.artifactId, v.version),
          communityId: (v) => v.communityId,
          tenantId: (v) => v.tenantId,
          derived: (v) => (v.expiresWithItem ? { ttl: SOFT_DELETE_TTL_SECONDS } : {}),
        }),
      ),
    ),
    series: new EntityCollection(communities, mapping<SessionSeries>({ kind: "series", schema: SessionSeries, docId: (s) => s.id, communityId: (s) => s.communityId, tenantId: (s) => s.tenantId })),
    rhythm: new RhythmRepository(communities),
    buddies: new BuddyRepository(communities),
    practices: new PracticeRepository(communities),
    contributions: new ContributionRepository(communities, directory),
    charter: new CharterRepository(communities),
  };
}
