import { CheckIn, Feedback, FollowUp, Rsvp, Session, SwapRequest } from "../../contracts";
import { type DocumentContainer, type Stored } from "../documents";
import { EntityCollection, mapping } from "./communityDocs";

const rsvpDocId = (sessionId: string, userId: string) => `rsvp-${sessionId}-${userId}`;
const checkInDocId = (sessionId: string, userId: string) => `chk-${sessionId}-${userId}`;
const feedbackDocId = (sessionId: string, userId: string) => `fbk-${sessionId}-${userId}`;

/** Per-person answers about a session (RSVP, check-in, feedback): one document each, so people never contend. */
type PerSession = Rsvp | CheckIn | Feedback;

/**
 * Sessions and everything hung on them, in the community's partition: a person's RSVP,
 * check-in and feedback are one document each (keyed by session and person), so answers
 * never race one another; lists are single-partition queries.
 */
export class RhythmRepository {
  readonly sessions: EntityCollection<Session>;
  readonly rsvps: EntityCollection<Rsvp>;
  readonly checkIns: EntityCollection<CheckIn>;
  readonly feedback: EntityCollection<Feedback>;
  readonly followUps: EntityCollection<FollowUp>;
  readonly swaps: EntityCollection<SwapRequest>;

  constructor(private readonly container: DocumentContainer) {
    const scoped = { communityId: (x: { communityId: string }) => x.communityId, tenantId: (x: { tenantId: string }) => x.tenantId };
    this.sessions = new EntityCollection(container, mapping<Session>({ kind: "session", schema: Session, docId: (s) => s.id, ...scoped }));
    this.rsvps = new EntityCollection(container, mapping<Rsvp>({ kind: "rsvp", schema: Rsvp, docId: (r) => rsvpDocId(r.sessionId, r.userId), ...scoped }));
    this.checkIns = new EntityCollection(container, mapping<CheckIn>({ kind: "checkIn", schema: CheckIn, docId: (c) => checkInDocId(c.sessionId, c.userId), ...scoped }));
    this.feedback = new EntityCollection(container, mapping<Feedback>({ kind: "feedback", schema: Feedback, docId: (f) => feedbackDocId(f.sessionId, f.userId), ...scoped }));
    this.followUps = new EntityCollection(container, mapping<FollowUp>({ kind: "followUp", schema: FollowUp, docId: (f) => f.id, ...scoped }));
    this.swaps = new EntityCollection(container, mapping<SwapRequest>({ kind: "swap", schema: SwapRequest, docId: (s) => s.id, ...scoped }));
  }

  getSession(communityId: string, id: string): Promise<Stored<Session> | null> {
    return this.sessions.get(communityId, id);
  }

  /** These sessions, in one query (missing ones are left out). */
  async sessionsByIds(communityId: string, ids: string[]): Promise<Session[]> {
    if (ids.length === 0) return [];
    const docs = await this.container.queryAll<unknown>(communityId, {
      query: "SELECT * FROM c WHERE c.type = 'session' AND ARRAY_CONTAINS(@ids, c.id)",
      parameters: [{ name: "@ids", value: ids }],
    });
    return docs.map((d) => this.sessions.fromDoc(d)).filter((s): s is Session => s !== null);
  }

  /** Sessions starting in [from, to), earliest first (or latest first with `descending`), at most `limit`. */
  async sessionsBetween(communityId: string, from: string, to: string, options: { limit?: number; descending?: boolean } = {}): Promise<Session[]> {
    const page = await this.sessions.page(
      communityId,
      {
        query: `SELECT * FROM c WHERE c.type = 'session' AND c.startsAt >= @from AND c.startsAt < @to ORDER BY c.startsAt ${options.descending ? "DESC" : "ASC"}`,
        parameters: [
          { name: "@from", value: from },
          { name: "@to", value: to },
        ],
      },
      { limit: options.limit ?? 100 },
    );
    return page.items;
  }

  /** Every session that has (or had) a facilitator before `before`: the rotation's history. */
  async facilitationsBefore(communityId: string, before: string): Promise<{ userId: string; startsAt: string }[]> {
    const rows = await this.container.queryAll<{ facilitatorId?: string; startsAt: string }>(communityId, {
      query: "SELECT c.facilitatorId, c.startsAt FROM c WHERE c.type = 'session' AND c.status = 'scheduled' AND IS_STRING(c.facilitatorId) AND c.startsAt < @before",
      parameters: [{ name: "@before", value: before }],
    });
    return rows.filter((r) => typeof r.facilitatorId === "string").map((r) => ({ userId: r.facilitatorId!, startsAt: r.startsAt }));
  }

  getRsvp(communityId: string, sessionId: string, userId: string) {
    return this.rsvps.get(communityId, rsvpDocId(sessionId, userId));
  }

  getCheckIn(communityId: string, sessionId: string, userId: string) {
    return this.checkIns.get(communityId, checkInDocId(sessionId, userId));
  }

  getFeedback(communityId: string, sessionId: string, userId: string) {
    return this.feedback.get(communityId, feedbackDocId(sessionId, userId));
  }

  /** Everyone's RSVPs, check-ins or feedback for these sessions, in one query. */
  async answersFor<K extends "rsvp" | "checkIn" | "feedback">(communityId: string, kind: K, sessionIds: string[]): Promise<Extract<PerSession, K extends "rsvp" ? Rsvp : K extends "checkIn" ? CheckIn : Feedback>[]> {
    if (sessionIds.length === 0) return [];
    const collection = (kind === "rsvp" ? this.rsvps : kind === "checkIn" ? this.checkIns : this.feedback) as EntityCollection<PerSession>;
    const docs = await this.container.queryAll<unknown>(communityId, {
      query: "SELECT * FROM c WHERE c.type = @kind AND ARRAY_CONTAINS(@ids, c.sessionId)",
      parameters: [
        { name: "@kind", value: kind },
        { name: "@ids", value: sessionIds },
      ],
    });
    return docs.map((d) => collection.fromDoc(d)).filter((x) => x !== null) as never;
  }

  /** Follow-ups by status (all when undefined), earliest due first. */
  async followUpsByStatus(communityId: string, status?: FollowUp["status"]): Promise<FollowUp[]> {
    const docs = await this.container.queryAll<unknown>(communityId, {
      query: `SELECT * FROM c WHERE c.type = 'followUp'${status ? " AND c.status = @status" : ""} ORDER BY c.dueOn ASC`,
      parameters: status ? [{ name: "@status", value: status }] : [],
    });
    return docs.map((d) => this.followUps.fromDoc(d)).filter((x): x is FollowUp => x !== null);
  }

  /** Swap requests still waiting for an answer. */
  async pendingSwaps(communityId: string): Promise<SwapRequest[]> {
    const docs = await this.container.queryAll<unknown>(communityId, { query: "SELECT * FROM c WHERE c.type = 'swap' AND c.status = 'pending'" });
    return docs.map((d) => this.swaps.fromDoc(d)).filter((x): x is SwapRequest => x !== null);
  }
}
