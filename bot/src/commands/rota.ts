import { randomUUID } from "node:crypto";
import { SwapCreateRequest, SwapDecisionRequest, type Notice, type NewJob, type RotaResponse, type Session, type SwapRequest, type SwapResponse } from "../contracts";
import { badRequest, conflict, notFound } from "../domain/errors";
import { parseInput } from "../domain/validation";
import { authorize, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { loadSession } from "./sessionReader";
import { replanSession } from "./sessionPlanner";
import { briefOfSession, peopleOf, personRef, type People } from "./sessionViews";

const DAY = 24 * 60 * 60 * 1000;

/** The rotation at a glance: who facilitates what next, how often each person has, and open swap requests. */
export async function readRota(ctx: CommandContext, identity: Identity, communityId: string): Promise<RotaResponse> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "read");
  const now = ctx.clock.now();
  const [people, upcoming, history, swaps] = await Promise.all([
    peopleOf(ctx, communityId),
    ctx.repos.rhythm.sessionsBetween(communityId, now.toISOString(), new Date(now.getTime() + 90 * DAY).toISOString(), { limit: 30 }),
    ctx.repos.rhythm.facilitationsBefore(communityId, now.toISOString()),
    ctx.repos.rhythm.pendingSwaps(communityId),
  ]);
  const sessions = new Map(upcoming.map((s) => [s.id, s]));
  return {
    upcoming: upcoming.map((s) => ({ sessionId: s.id, title: s.title, startsAt: s.startsAt, status: s.status, facilitator: s.facilitatorId ? personRef(people, s.facilitatorId) : null })),
    members: [...people.values()]
      .filter((m) => m.role !== "sponsor")
      .map((m) => {
        const mine = history.filter((h) => h.userId === m.userId).map((h) => h.startsAt).sort();
        return {
          userId: m.userId,
          displayName: m.displayName,
          role: m.role,
          willing: m.preferences.willingToFacilitate,
          awayUntil: m.preferences.awayUntil,
          facilitated: mine.length,
          lastFacilitatedAt: mine.at(-1) ?? null,
          nextAt: upcoming.find((s) => s.status === "scheduled" && s.facilitatorId === m.userId)?.startsAt ?? null,
        };
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    swaps: swaps
      .filter((s) => sessions.has(s.sessionId) && (s.fromUserId === actor.userId || s.toUserId === actor.userId || actor.role === "lead" || actor.role === "facilitator"))
      .map(({ tenantId: _t, ...s }) => ({ ...s, from: personRef(people, s.fromUserId), to: personRef(people, s.toUserId), sessionTitle: sessions.get(s.sessionId)!.title, sessionStartsAt: sessions.get(s.sessionId)!.startsAt })),
  };
}

/** A personal card to `userId`, sent now through the scheduler's one sender. */
function noticeJob(tenantId: string, userId: string, id: string, notice: Notice, now: Date): NewJob {
  return { id, tenantId, kind: "deliver", dueAt: now.toISOString(), payload: { target: { kind: "personal", tenantId, userId }, notice } };
}

/** The facilitator asks someone else to take the session; they get a card to accept or decline. */
export async function requestSwap(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string, input: SwapCreateRequest): Promise<SwapResponse> {
  const req = parseInput(SwapCreateRequest, input);
  const { actor } = await resolveActor(ctx, identity, communityId);
  const { session } = await loadSession(ctx, communityId, sessionId);
  authorize(actor, "session", "requestSwap", session, "Only the person facilitating this session (or a lead) can ask someone to swap.");
  if (session.status !== "scheduled" || Date.parse(session.startsAt) <= ctx.clock.now().getTime()) throw conflict("Only a session that is still ahead can be swapped.");
  if (!session.facilitatorId) throw conflict("This session has no facilitator yet, so there's nothing to swap.");
  if (req.toUserId === session.facilitatorId) throw badRequest("toUserId: that person already facilitates this session; choose someone else.", "toUserId");
  const people = await peopleOf(ctx, communityId);
  const to = people.get(req.toUserId);
  if (!to || to.role === "sponsor") throw badRequest("toUserId: choose a member of this community who takes part in sessions.", "toUserId");
  if (!to.preferences.willingToFacilitate) throw badRequest(`toUserId: ${to.displayName} has opted out of facilitating; choose someone else.`, "toUserId");
  const pending = (await ctx.repos.rhythm.pendingSwaps(communityId)).find((s) => s.sessionId === sessionId);
  if (pending) throw conflict(`There's already a swap request for this session waiting for ${personRef(people, pending.toUserId).displayName}. Withdraw it first.`);
  const now = ctx.clock.now();
  const swap: SwapRequest = { id: `swp-${randomUUID()}`, communityId, tenantId: identity.tenantId, sessionId, fromUserId: session.facilitatorId, toUserId: to.userId, status: "pending", createdAt: now.toISOString() };
  await ctx.repos.rhythm.swaps.create(swap);
  const community = await ctx.repos.communities.get(communityId, communityId);
  const notice: Notice = { kind: "swap.request", swapId: swap.id, session: briefOfSession(session, people, community?.doc.name ?? ""), fromName: personRef(people, swap.fromUserId).displayName, readerTimeZone: to.timeZone };
  await ctx.repos.jobs.enqueue(noticeJob(identity.tenantId, to.userId, `notify-${swap.id}`, notice, now));
  const { tenantId: _t, ...view } = swap;
  return { swap: view };
}

/**
 * Accept: the asked person takes the session, and gives the asker their own next turn if
 * they had one (a true swap). Decline or withdraw just closes the request. The asker hears back.
 */
export async function decideSwap(ctx: CommandContext, identity: Identity, communityId: string, swapId: string, input: SwapDecisionRequest): Promise<SwapResponse> {
  const req = parseInput(SwapDecisionRequest, input);
  const { actor } = await resolveActor(ctx, identity, communityId);
  const found = await ctx.repos.rhythm.swaps.get(communityId, swapId);
  if (!found) throw notFound("That swap request");
  const swap = found.doc;
  if (req.decision === "withdraw") authorize(actor, "swap", "withdraw", swap, "Only the person who asked (or a lead) can withdraw a swap request.");
  else authorize(actor, "swap", "decide", swap, "Only the person who was asked can answer this swap request.");
  if (swap.status !== "pending") throw conflict(`This swap request was already ${swap.status}.`);
  const { session, etag } = await loadSession(ctx, communityId, swap.sessionId);
  const now = ctx.clock.now();
  const status = req.decision === "accept" ? "accepted" : req.decision === "decline" ? "declined" : "withdrawn";
  if (status === "accepted") {
    if (session.facilitatorId !== swap.fromUserId || Date.parse(session.startsAt) <= now.getTime()) throw conflict("This session has changed since the request was sent, so the swap can't go ahead.");
    await handOver(ctx, session, etag, swap.toUserId);
    const theirs = (await ctx.repos.rhythm.sessionsBetween(communityId, now.toISOString(), new Date(now.getTime() + 90 * DAY).toISOString(), { limit: 30 })).find(
      (s) => s.status === "scheduled" && s.facilitatorId === swap.toUserId && s.id !== session.id,
    );
    if (theirs) {
      const fresh = await loadSession(ctx, communityId, theirs.id);
      await handOver(ctx, fresh.session, fresh.etag, swap.fromUserId);
    }
  }
  const decided: SwapRequest = { ...swap, status, decidedAt: now.toISOString() };
  await ctx.repos.rhythm.swaps.replace(decided, found.etag);
  if (status !== "withdrawn") await tellAsker(ctx, decided, session, status === "accepted");
  const { tenantId: _t, ...view } = decided;
  return { swap: view };
}

async function handOver(ctx: CommandContext, session: Session, etag: string, to: string): Promise<void> {
  const next: Session = { ...session, facilitatorId: to, updatedAt: ctx.clock.now().toISOString() };
  await ctx.repos.rhythm.sessions.replace(next, etag);
  await replanSession(ctx, next);
}

async function tellAsker(ctx: CommandContext, swap: SwapRequest, session: Session, accepted: boolean): Promise<void> {
  const people: People = await peopleOf(ctx, swap.communityId);
  const community = await ctx.repos.communities.get(swap.communityId, swap.communityId);
  const asker = people.get(swap.fromUserId);
  if (!asker) return;
  const notice: Notice = { kind: "swap.decided", swapId: swap.id, session: briefOfSession({ ...session, facilitatorId: accepted ? swap.toUserId : session.facilitatorId }, people, community?.doc.name ?? ""), byName: personRef(people, swap.toUserId).displayName, accepted, readerTimeZone: asker.timeZone };
  await ctx.repos.jobs.enqueue(noticeJob(swap.tenantId, asker.userId, `notify-${swap.id}-decided`, notice, ctx.clock.now()));
}
