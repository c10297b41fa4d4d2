import { Artifact, Community, Member, Practice, SessionSeries, type ArtifactType } from "../../contracts";
import { type Clock } from "../../domain/clock";
import { type DocumentStore, type Page, type PageRequest, type QuerySpec, type Stored } from "../documents";
import { EntityCollection, mapping } from "./communityDocs";
import { DirectoryRepository } from "./directory";

export { DirectoryRepository, type ConversationRecord, type Membership } from "./directory";

/** Who is asking, as far as the store needs to know to filter what they may see. */
export interface ArtifactViewer {
  userId: string;
  circleIds: string[];
}

export interface ArtifactSearch {
  q?: string;
  type?: ArtifactType;
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

  async upsert(member: Member, communityName: string): Promise<Stored<Member>> {
    const saved = await this.collection.upsert(member);
    await this.directory.setMembership(member.tenantId, member.userId, { communityId: member.communityId, communityName, role: member.role });
    return saved;
  }
}

/** Artifacts in the community's partition; every list is one single-partition query. */
export class ArtifactRepository {
  constructor(readonly collection: EntityCollection<Artifact>) {}

  get(communityId: string, id: string): Promise<Stored<Artifact> | null> {
    return this.collection.get(communityId, id);
  }

  create(artifact: Artifact): Promise<Stored<Artifact>> {
    return this.collection.create(artifact);
  }

  replace(artifact: Artifact, etag: string): Promise<Stored<Artifact>> {
    return this.collection.replace(artifact, etag);
  }

  /** Newest first; only what `viewer` may see (community-wide, their circles, their drafts). */
  list(communityId: string, viewer: ArtifactViewer, search: ArtifactSearch, page: PageRequest): Promise<Page<Artifact>> {
    const where = [
      "c.type = 'artifact'",
      "(c.visibility = 'community' OR (c.visibility = 'private' AND c.authorId = @userId) OR (c.visibility = 'circle' AND ARRAY_CONTAINS(@circleIds, c.circleId)))",
    ];
    const parameters: NonNullable<QuerySpec["parameters"]> = [
      { name: "@userId", value: viewer.userId },
      { name: "@circleIds", value: viewer.circleIds },
    ];
    if (search.type) {
      where.push("c.artifactType = @artifactType");
      parameters.push({ name: "@artifactType", value: search.type });
    }
    if (search.q) {
      where.push("(CONTAINS(LOWER(c.title), @q) OR CONTAINS(LOWER(c.summary), @q) OR CONTAINS(LOWER(c.body), @q) OR ARRAY_CONTAINS(c.topics, @q) OR ARRAY_CONTAINS(c.priorities, @q))");
      parameters.push({ name: "@q", value: search.q.toLowerCase() });
    }
    return this.collection.page(communityId, { query: `SELECT * FROM c WHERE ${where.join(" AND ")} ORDER BY c.updatedAt DESC`, parameters }, page);
  }
}

export interface Repositories {
  store: DocumentStore;
  communities: EntityCollection<Community>;
  members: MemberRepository;
  artifacts: ArtifactRepository;
  series: EntityCollection<SessionSeries>;
  practices: EntityCollection<Practice>;
  directory: DirectoryRepository;
}

/** Builds every repository over one store; cheap, so call it once at start-up. */
export function createRepositories(store: DocumentStore, clock: Clock): Repositories {
  const communities = store.container("communities");
  const directory = new DirectoryRepository(store.container("directory"), clock);
  return {
    store,
    directory,
    communities: new EntityCollection(communities, mapping<Community>({ kind: "community", schema: Community, docId: (c) => c.id, communityId: (c) => c.id, tenantId: (c) => c.tenantId })),
    members: new MemberRepository(
      new EntityCollection(communities, mapping<Member>({ kind: "member", schema: Member, docId: (m) => `member:${m.userId}`, communityId: (m) => m.communityId, tenantId: (m) => m.tenantId })),
      directory,
    ),
    artifacts: new ArtifactRepository(
      new EntityCollection(communities, mapping<Artifact>({ kind: "artifact", schema: Artifact, docId: (a) => a.id, communityId: (a) => a.communityId, tenantId: (a) => a.tenantId, renames: { type: "artifactType" } })),
    ),
    series: new EntityCollection(communities, mapping<SessionSeries>({ kind: "series", schema: SessionSeries, docId: (s) => s.id, communityId: (s) => s.communityId, tenantId: (s) => s.tenantId })),
    practices: new EntityCollection(communities, mapping<Practice>({ kind: "practice", schema: Practice, docId: (p) => p.id, communityId: (p) => p.communityId, tenantId: (p) => p.tenantId })),
  };
}
