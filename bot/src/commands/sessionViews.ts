import { SMALL_GROUP_MINIMUM, type CheckIn, type Feedback, type Member, type Rsvp, type Session, type SessionBrief, type SessionView } from "../contracts";
import { checkInOpen, privateAverage } from "../domain/checkins";
import { can, type CommunityActor } from "../policies";
import { type CommandContext } from "./context";

/** Members by user id, for names. */
export type People = Map<string, Member>;

export async function peopleOf(ctx: CommandContext, communityId: string): Promise<People> {
  return new Map((await ctx.repos.members.list(communityId)).map((m) => [m.userId, m]));
}

/**
 * The people behind a few ids, by point reads (to name one or two people without listing
 * everyone); members already at hand (`known`, e.g. the actor's own record) are not read again.
 */
export async function peopleByIds(ctx: CommandContext, communityId: string, ids: Iterable<string>, known: Member[] = []): Promise<People> {
  const people: People = new Map(known.map((m) => [m.userId, m]));
  const missing = [...new Set(ids)].filter((id) => !people.has(id));
  for (const found of await Promise.all(missing.map((id) => ctx.repos.members.get(communityId, id)))) {
    if (found) people.set(found.doc.userId, found.doc);
  }
  return people;
}

export const personRef = (people: People, userId: string) => ({ userId, displayName: people.get(userId)?.displayName ?? "A former member" });

/**
 * Sessions as `actor` may see them: counts for everyone, their own answers, averages only
 * over five people or more, and queued cases only when the reader may open them. Three
 * single-partition queries for the answers, one point read per queued case.
 */
export async function viewSessions(ctx: CommandContext, actor: CommunityActor, sessions: Session[], people: People): Promise<SessionView[]> {
  const { rhythm, artifacts } = ctx.repos;
  const ids = sessions.map((s) => s.id);
  const [rsvps, checkIns, feedback] = await Promise.all([
    rhythm.answersFor(actor.communityId, "rsvp", ids) as Promise<Rsvp[]>,
    rhythm.answersFor(actor.communityId, "checkIn", ids) as Promise<CheckIn[]>,
    rhythm.answersFor(actor.communityId, "feedback", ids) as Promise<Feedback[]>,
  ]);
  const caseIds = [...new Set(sessions.flatMap((s) => s.queuedCaseIds))];
  const cases = new Map(
    (await Promise.all(caseIds.map((id) => artifacts.get(actor.communityId, id))))
      .filter((a) => a !== null && !a.doc.deleted && can(actor, "artifact", "read", a.doc))
      .map((a) => [a!.doc.id, a!.doc.title]),
  );
  const now = ctx.clock.now();
  return sessions.map((s) => {
    const mine = <T extends { sessionId: string; userId: string }>(list: T[]) => list.find((x) => x.sessionId === s.id && x.userId === actor.userId) ?? null;
    const sessionRsvps = rsvps.filter((r) => r.sessionId === s.id);
    const sessionCheckIns = checkIns.filter((c) => c.sessionId === s.id);
    const sessionFeedback = feedback.filter((f) => f.sessionId === s.id);
    const myCheckIn = mine(checkIns);
    const myFeedback = mine(feedback);
    const visibleCases = s.queuedCaseIds.filter((id) => cases.has(id));
    const { tenantId: _tenant, queuedCaseIds: _ids, ...session } = s;
    return {
      ...session,
      facilitator: s.facilitatorId ? personRef(people, s.facilitatorId) : null,
      queuedCases: visibleCases.map((id) => ({ id, title: cases.get(id)! })),
      hiddenQueuedCases: s.queuedCaseIds.length - visibleCases.length,
      rsvp: {
        going: sessionRsvps.filter((r) => r.answer === "going").length,
        notGoing: sessionRsvps.filter((r) => r.answer === "not-going").length,
        mine: mine(rsvps)?.answer ?? null,
      },
      checkIns: {
        count: sessionCheckIns.length,
        energyAverage: privateAverage(sessionCheckIns.filter((c) => !c.private && c.energy !== undefined).map((c) => c.energy!), SMALL_GROUP_MINIMUM),
        mine: myCheckIn ? answersOf(myCheckIn) : null,
        open: s.status === "scheduled" && checkInOpen(new Date(s.startsAt), now),
      },
      feedback: {
        count: sessionFeedback.length,
        usefulnessAverage: privateAverage(sessionFeedback.map((f) => f.usefulness), SMALL_GROUP_MINIMUM),
        mine: myFeedback ? { usefulness: myFeedback.usefulness, willTry: myFeedback.willTry } : null,
      },
      canManage: can(actor, "session", "manage", s),
    };
  });
}

export const answersOf = (c: CheckIn) => ({ win: c.win, challenge: c.challenge, ask: c.ask, energy: c.energy, practice: c.practice, private: c.private });

/** The part of a session a card needs. */
export function briefOf(view: Pick<SessionView, "id" | "communityId" | "title" | "kind" | "startsAt" | "endsAt" | "timeZone" | "joinUrl" | "theme" | "agenda" | "status"> & { facilitator: { displayName: string } | null }, communityName: string): SessionBrief {
  return {
    sessionId: view.id,
    communityId: view.communityId,
    communityName,
    title: view.title,
    kind: view.kind,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    timeZone: view.timeZone,
    joinUrl: view.joinUrl,
    facilitatorName: view.facilitator?.displayName ?? null,
    theme: view.theme?.title ?? null,
    agenda: view.agenda.map((a) => ({ title: a.title, minutes: a.minutes })),
    skipped: view.status === "skipped",
  };
}

/** A stored session as a brief, naming its facilitator from `people`. */
export const briefOfSession = (s: Session, people: People, communityName: string): SessionBrief =>
  briefOf({ ...s, facilitator: s.facilitatorId ? personRef(people, s.facilitatorId) : null }, communityName);
