import { BuddyReflection, BuddyRound, PeerCircle } from "../../contracts";
import { type DocumentContainer } from "../documents";
import { EntityCollection, mapping } from "./communityDocs";

const reflectionDocId = (r: Pick<BuddyReflection, "roundId" | "userId" | "kind">) => `brf-${r.roundId}-${r.userId}-${r.kind}`;

/** Buddy rounds, reflections and peer circles, in the community's partition. */
export class BuddyRepository {
  readonly rounds: EntityCollection<BuddyRound>;
  readonly reflections: EntityCollection<BuddyReflection>;
  readonly circles: EntityCollection<PeerCircle>;

  constructor(private readonly container: DocumentContainer) {
    const scoped = { communityId: (x: { communityId: string }) => x.communityId, tenantId: (x: { tenantId: string }) => x.tenantId };
    this.rounds = new EntityCollection(container, mapping<BuddyRound>({ kind: "buddyRound", schema: BuddyRound, docId: (r) => r.id, ...scoped }));
    this.reflections = new EntityCollection(container, mapping<BuddyReflection>({ kind: "buddyReflection", schema: BuddyReflection, docId: reflectionDocId, ...scoped }));
    this.circles = new EntityCollection(container, mapping<PeerCircle>({ kind: "peerCircle", schema: PeerCircle, docId: (c) => c.id, ...scoped }));
  }

  /** Published rounds, most recent first (the matcher's history and the tab's). */
  async publishedRounds(communityId: string, limit = 24): Promise<BuddyRound[]> {
    const page = await this.rounds.page(
      communityId,
      { query: "SELECT * FROM c WHERE c.type = 'buddyRound' AND c.status = 'published' ORDER BY c.publishedAt DESC" },
      { limit },
    );
    return page.items;
  }

  /** The draft under review, if any (at most one is kept). */
  async draft(communityId: string): Promise<BuddyRound | null> {
    const docs = await this.container.queryAll<unknown>(communityId, { query: "SELECT * FROM c WHERE c.type = 'buddyRound' AND c.status = 'draft'" });
    return docs.map((d) => this.rounds.fromDoc(d)).find((r): r is BuddyRound => r !== null) ?? null;
  }

  /** One person's reflections in one round. */
  async reflectionsOf(communityId: string, roundId: string, userId: string): Promise<BuddyReflection[]> {
    const found = await Promise.all((["mid", "closing"] as const).map((kind) => this.reflections.get(communityId, reflectionDocId({ roundId, userId, kind }))));
    return found.filter((r) => r !== null).map((r) => r!.doc);
  }
}
