/** Who facilitates which session: a fair, predictable rotation among willing members. */
import { isAway } from "./reminders";

export interface RotationCandidate {
  userId: string;
  willing: boolean;
  awayUntil?: string;
  timeZone: string;
}

export interface PastFacilitation {
  userId: string;
  startsAt: Date;
}

export interface UpcomingSlot {
  sessionId: string;
  startsAt: Date;
  /** Already assigned: kept. */
  facilitatorId?: string;
}

/** How often someone has facilitated and when they last did. */
interface Tally {
  count: number;
  last: number;
}

/** Counts and last turns from the history, for everyone who has one. */
function tallyOf(history: PastFacilitation[]): Map<string, Tally> {
  const tally = new Map<string, Tally>();
  for (const turn of history) record(tally, turn.userId, turn.startsAt);
  return tally;
}

/** Adds one turn to a member's tally. */
function record(tally: Map<string, Tally>, userId: string, at: Date): void {
  const before = tally.get(userId) ?? { count: 0, last: -Infinity };
  tally.set(userId, { count: before.count + 1, last: Math.max(before.last, at.getTime()) });
}

/** Fewest turns first, then the longest since their last turn (never counts as longest), then by userId. */
function fairer(tally: Map<string, Tally>): (a: RotationCandidate, b: RotationCandidate) => number {
  const of = (c: RotationCandidate) => tally.get(c.userId) ?? { count: 0, last: -Infinity };
  return (a, b) => {
    const ta = of(a);
    const tb = of(b);
    if (ta.count !== tb.count) return ta.count - tb.count;
    if (ta.last !== tb.last) return ta.last < tb.last ? -1 : 1;
    return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
  };
}

/** The willing candidates, each user once (the first entry wins). */
function willingOnce(candidates: RotationCandidate[]): RotationCandidate[] {
  const byUser = new Map<string, RotationCandidate>();
  for (const c of candidates) if (!byUser.has(c.userId)) byUser.set(c.userId, c);
  return [...byUser.values()].filter((c) => c.willing);
}

/** Slots in start order; the session id breaks ties so the order never depends on the input's. */
function inStartOrder(slots: UpcomingSlot[]): UpcomingSlot[] {
  return [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
}

/**
 * Assigns a facilitator to each slot lacking one, in start order: only willing members not away that day; fewest facilitations so far (history + earlier assignments in this call) first, then longest since their last turn, then a stable order by userId. Returns sessionId → userId (or null when nobody is available). Pure and deterministic.
 *
 * Every slot gets an entry: an already-assigned slot keeps its facilitator (and that turn counts
 * towards their tally, so the rotation stays fair around it).
 */
export function assignFacilitators(candidates: RotationCandidate[], history: PastFacilitation[], slots: UpcomingSlot[]): Map<string, string | null> {
  const willing = willingOnce(candidates);
  const tally = tallyOf(history);
  const result = new Map<string, string | null>();
  for (const slot of inStartOrder(slots)) {
    const chosen = slot.facilitatorId ?? willing.filter((c) => !isAway(c.awayUntil, slot.startsAt, c.timeZone)).sort(fairer(tally))[0]?.userId ?? null;
    if (chosen) record(tally, chosen, slot.startsAt);
    result.set(slot.sessionId, chosen);
  }
  return result;
}

/**
 * What a swap changes, as sessionId → new facilitator: `toUserId` takes `sessionId`, and gives
 * `fromUserId` the first of their own upcoming sessions in return, if they have one.
 * Throws when `fromUserId` is not that session's facilitator (the request is out of date).
 */
export function swapFacilitators(slots: UpcomingSlot[], sessionId: string, fromUserId: string, toUserId: string): Map<string, string> {
  const session = slots.find((s) => s.sessionId === sessionId);
  if (!session) throw new Error(`Session ${sessionId} is not among the upcoming sessions.`);
  if (session.facilitatorId !== fromUserId) throw new Error("This session is no longer facilitated by the person who asked to swap it.");
  if (fromUserId === toUserId) throw new Error("Choose someone else to swap with.");
  const changes = new Map<string, string>([[sessionId, toUserId]]);
  const theirs = inStartOrder(slots).find((s) => s.facilitatorId === toUserId && s.sessionId !== sessionId);
  if (theirs) changes.set(theirs.sessionId, fromUserId);
  return changes;
}
