import { Pilot, Practice, Prompt, PromptAnswer, PromptPosting } from "../../contracts";
import { type BaseDocument, type DocumentContainer, type Page, type PageRequest, type Stored } from "../documents";
import { EntityCollection, mapping } from "./communityDocs";

/** The document that keeps one answer per person and posting, without naming them in the answer's id. */
const answerKeyDocId = (postingId: string, userId: string) => `anskey-${postingId}-${userId}`;

interface AnswerKeyDoc extends BaseDocument {
  communityId: string;
  answerId: string;
}

/**
 * Practices (each with its moves) and their pilots, and the prompt bank with its postings and
 * answers, all in the community's partition. A community holds tens of practices and
 * prompts and hundreds of pilots, so the map reads them with a few single-partition
 * queries; the feed pages answers newest first.
 */
export class PracticeRepository {
  readonly practices: EntityCollection<Practice>;
  readonly pilots: EntityCollection<Pilot>;
  readonly prompts: EntityCollection<Prompt>;
  readonly postings: EntityCollection<PromptPosting>;
  readonly answers: EntityCollection<PromptAnswer>;

  constructor(private readonly container: DocumentContainer) {
    const scoped = { communityId: (x: { communityId: string }) => x.communityId, tenantId: (x: { tenantId: string }) => x.tenantId, docId: (x: { id: string }) => x.id };
    this.practices = new EntityCollection(container, mapping<Practice>({ kind: "practice", schema: Practice, ...scoped }));
    this.pilots = new EntityCollection(container, mapping<Pilot>({ kind: "pilot", schema: Pilot, ...scoped }));
    this.prompts = new EntityCollection(container, mapping<Prompt>({ kind: "prompt", schema: Prompt, ...scoped }));
    this.postings = new EntityCollection(container, mapping<PromptPosting>({ kind: "promptPosting", schema: PromptPosting, ...scoped }));
    this.answers = new EntityCollection(container, mapping<PromptAnswer>({ kind: "promptAnswer", schema: PromptAnswer, ...scoped }));
  }

  /** Every pilot of one practice, oldest first. */
  async pilotsOf(communityId: string, practiceId: string): Promise<Pilot[]> {
    return this.typed(this.pilots, communityId, "SELECT * FROM c WHERE c.type = 'pilot' AND c.practiceId = @id ORDER BY c.createdAt ASC", [{ name: "@id", value: practiceId }]);
  }

  /** The most recent postings, newest first. */
  async recentPostings(communityId: string, limit: number): Promise<PromptPosting[]> {
    const page = await this.postings.page(communityId, { query: "SELECT * FROM c WHERE c.type = 'promptPosting' ORDER BY c.postedAt DESC" }, { limit });
    return page.items;
  }

  /** A page of answers, newest first. */
  answerPage(communityId: string, page: PageRequest): Promise<Page<PromptAnswer>> {
    return this.answers.page(communityId, { query: "SELECT * FROM c WHERE c.type = 'promptAnswer' ORDER BY c.createdAt DESC" }, page);
  }

  /** One person's answer to one posting, if they gave one: two point reads (the key document, then the answer). */
  async answerOf(communityId: string, postingId: string, userId: string): Promise<Stored<PromptAnswer> | null> {
    const key = await this.container.read<AnswerKeyDoc>(communityId, answerKeyDocId(postingId, userId));
    return key ? this.answers.get(communityId, key.doc.answerId) : null;
  }

  /** One person's answers to these postings, by posting id, in one query. */
  async answersBy(communityId: string, userId: string, postingIds: string[]): Promise<Map<string, PromptAnswer>> {
    if (postingIds.length === 0) return new Map();
    const found = await this.typed(this.answers, communityId, "SELECT * FROM c WHERE c.type = 'promptAnswer' AND c.userId = @u AND ARRAY_CONTAINS(@ids, c.postingId)", [
      { name: "@u", value: userId },
      { name: "@ids", value: postingIds },
    ]);
    return new Map(found.map((a) => [a.postingId, a]));
  }

  /** Answers given in [from, to) (the insights' months). */
  answersCreatedBetween(communityId: string, from: string, to: string): Promise<PromptAnswer[]> {
    return this.typed(this.answers, communityId, "SELECT * FROM c WHERE c.type = 'promptAnswer' AND c.createdAt >= @from AND c.createdAt < @to", [
      { name: "@from", value: from },
      { name: "@to", value: to },
    ]);
  }

  /** How many answers each of these postings has. */
  async answerCounts(communityId: string, postingIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (postingIds.length === 0) return counts;
    const rows = await this.container.queryAll<{ postingId: string }>(communityId, {
      query: "SELECT c.postingId FROM c WHERE c.type = 'promptAnswer' AND ARRAY_CONTAINS(@ids, c.postingId)",
      parameters: [{ name: "@ids", value: postingIds }],
    });
    for (const r of rows) counts.set(r.postingId, (counts.get(r.postingId) ?? 0) + 1);
    return counts;
  }

  /**
   * A first answer, written together with a key document (posting + person) in one
   * transactional batch: two submits racing make one answer; the loser gets `already_exists`.
   */
  async createAnswer(answer: PromptAnswer): Promise<void> {
    const key = { id: answerKeyDocId(answer.postingId, answer.userId), communityId: answer.communityId, tenantId: answer.tenantId, type: "promptAnswerKey", schemaVersion: 1, answerId: answer.id };
    await this.container.createAll(answer.communityId, [key, this.answers.toDoc(answer)]);
  }

  /**
   * Counts a posting on its prompt: one patch on the server adds one to `timesPosted` and
   * sets `lastPostedAt` to the posting's time, so it never collides with an edit of the
   * prompt and the two fields always move together.
   */
  async countPosting(posting: PromptPosting): Promise<void> {
    await this.container.increment(posting.communityId, posting.promptId, "timesPosted", 1, { lastPostedAt: posting.postedAt });
  }

  /**
   * For a posting found already written (a job run again): counts it unless the run before
   * got that far, which shows as the prompt's `lastPostedAt` being at or after the posting.
   */
  async finishCounting(posting: PromptPosting): Promise<void> {
    const prompt = await this.prompts.get(posting.communityId, posting.promptId);
    const last = prompt?.doc.lastPostedAt ? Date.parse(prompt.doc.lastPostedAt) : -Infinity;
    if (prompt && last < Date.parse(posting.postedAt)) await this.countPosting(posting);
  }

  private async typed<T extends object>(collection: EntityCollection<T>, communityId: string, query: string, parameters: { name: string; value: string | string[] }[]): Promise<T[]> {
    const docs = await this.container.queryAll<unknown>(communityId, { query, parameters });
    return docs.map((d) => collection.fromDoc(d)).filter((x): x is T => x !== null);
  }
}
