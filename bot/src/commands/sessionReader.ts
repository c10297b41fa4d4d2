import { SMALL_GROUP_MINIMUM, type CheckIn, type CheckInCardState, type CheckInSummaryResponse, type Session, type SessionListQuery, type SessionListResponse, type SessionView } from "../contracts";
import { sessionCalendar } from "../domain/calendar";
import { summarizeCheckIns } from "../domain/checkins";
import { notFound } from "../domain/errors";
import { authorize, can, type CommunityActor, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { briefOf, peopleOf, personRef, viewSessions } from "./sessionViews";

const DAY = 24 * 60 * 60 * 1000;
/** How far the lists look: a year either way is more than the planner ever writes. */
const REACH = 366 * DAY;

/** The session, or a 404 that says which. */
export async function loadSession(ctx: CommandContext, communityId: string, sessionId: string): Promise<{ session: Session; etag: string }> {
  const found = await ctx.repos.rhythm.getSession(communityId, sessionId);
  if (!found) throw notFound("That session");
  return { session: found.doc, etag: found.etag };
}

/** Upcoming sessions (those not yet ended), soonest first; or past ones, latest first. */
export async function listSessions(ctx: CommandContext, identity: Identity, communityId: string, query: SessionListQuery): Promise<SessionListResponse> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "read");
  const now = ctx.clock.now().getTime();
  const sessions =
    query.when === "upcoming"
      ? // A session that started in the last few hours may still be running: keep it at the top until it ends.
        (await ctx.repos.rhythm.sessionsBetween(communityId, iso(now - 8 * 60 * 60 * 1000), iso(now + REACH), { limit: query.limit + 4 })).filter((s) => Date.parse(s.endsAt) > now).slice(0, query.limit)
      : (await ctx.repos.rhythm.sessionsBetween(communityId, iso(now - REACH), iso(now + 8 * 60 * 60 * 1000), { limit: query.limit + 4, descending: true })).filter((s) => Date.parse(s.endsAt) <= now).slice(0, query.limit);
  return { items: await viewSessions(ctx, actor, sessions, await peopleOf(ctx, communityId)), timeZone: member.timeZone };
}

export async function readSession(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string): Promise<SessionView> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "read");
  return viewOne(ctx, actor, (await loadSession(ctx, communityId, sessionId)).session);
}

export async function viewOne(ctx: CommandContext, actor: CommunityActor, session: Session): Promise<SessionView> {
  return (await viewSessions(ctx, actor, [session], await peopleOf(ctx, actor.communityId)))[0]!;
}

/** The next session that is still ahead and not skipped, or null when none is planned. */
export async function nextSession(ctx: CommandContext, identity: Identity, communityId: string): Promise<SessionView | null> {
  const { items } = await listSessions(ctx, identity, communityId, { when: "upcoming", limit: 10 });
  const now = ctx.clock.now().getTime();
  return items.find((s) => s.status === "scheduled" && Date.parse(s.startsAt) > now) ?? null;
}

/** The check-in card as this reader sees it: their own answers, the shared count, whether it is still open. */
export async function checkInCardState(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string): Promise<CheckInCardState> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "read");
  const [{ session }, community] = await Promise.all([loadSession(ctx, communityId, sessionId), ctx.repos.communities.get(communityId, communityId)]);
  const view = await viewOne(ctx, actor, session);
  return {
    session: briefOf(view, community?.doc.name ?? ""),
    count: view.checkIns.count,
    mine: view.checkIns.mine,
    open: view.checkIns.open,
    readerTimeZone: member.timeZone,
  };
}

/** For the session's facilitator and the leads: what people brought, private answers only counted. */
export async function readCheckInSummary(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string): Promise<CheckInSummaryResponse> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  const { session } = await loadSession(ctx, communityId, sessionId);
  authorize(actor, "session", "readCheckIns", session, "Only the session's facilitator, facilitators and leads can read everyone's check-ins.");
  return { ...(await summaryOf(ctx, session)), canPromoteWins: can(actor, "prompt", "promote") };
}

export async function summaryOf(ctx: CommandContext, session: Session): Promise<Omit<CheckInSummaryResponse, "canPromoteWins">> {
  const [checkIns, people] = await Promise.all([ctx.repos.rhythm.answersFor(session.communityId, "checkIn", [session.id]) as Promise<CheckIn[]>, peopleOf(ctx, session.communityId)]);
  const summary = summarizeCheckIns(checkIns);
  return {
    sessionId: session.id,
    count: summary.count,
    privateCount: summary.privateCount,
    energyAverage: summary.energyAverage,
    minimumForAverages: SMALL_GROUP_MINIMUM,
    entries: summary.entries.map(({ userId, ...answers }) => ({ person: personRef(people, userId), ...answers })),
  };
}

/** The session as an .ics file for the reader's calendar. */
export async function sessionCalendarFile(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string): Promise<{ filename: string; text: string }> {
  const view = await readSession(ctx, identity, communityId, sessionId);
  const community = await ctx.repos.communities.get(communityId, communityId);
  const text = sessionCalendar(view, { communityName: community?.doc.name ?? "Practice Circles", facilitatorName: view.facilitator?.displayName });
  return { filename: `${view.title.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}-${view.startsAt.slice(0, 10)}.ics`, text };
}

const iso = (ms: number) => new Date(ms).toISOString();
