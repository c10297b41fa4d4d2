import { ARTIFACT_TYPES, MoveRequest, SessionUpdateRequest, SkipRequest, type OccurrenceException, type Session, type SessionView } from "../contracts";
import { checkAgenda, defaultAgenda } from "../domain/agenda";
import { badRequest, conflict, editConflict, isAppError } from "../domain/errors";
import { localToInstant } from "../domain/recurrence";
import { parseInput } from "../domain/validation";
import { authorize, can, type CommunityActor, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { replanSession } from "./sessionPlanner";
import { loadSession, viewOne } from "./sessionReader";

/** Loads a session its actor may manage and that has not ended. */
async function managed(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string): Promise<{ actor: CommunityActor; session: Session; etag: string }> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  const { session, etag } = await loadSession(ctx, communityId, sessionId);
  authorize(actor, "session", "manage", session, "Only this session's facilitator, facilitators and leads can change it.");
  if (Date.parse(session.endsAt) <= ctx.clock.now().getTime()) throw conflict("This session has already ended, so it can't be changed.");
  return { actor, session, etag };
}

/** Records the change on the series too, so re-planning keeps it. Retries a concurrent series edit. */
async function setException(ctx: CommandContext, session: Session, change: (current: OccurrenceException | undefined) => OccurrenceException | undefined): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await ctx.repos.series.get(session.communityId, session.seriesId);
    if (!found) return;
    const exceptions = { ...found.doc.exceptions };
    const next = change(exceptions[session.occurrenceKey]);
    if (next && Object.keys(next).length) exceptions[session.occurrenceKey] = next;
    else delete exceptions[session.occurrenceKey];
    try {
      await ctx.repos.series.replace({ ...found.doc, exceptions }, found.etag);
      return;
    } catch (e) {
      if (!isAppError(e) || e.code !== "edit_conflict") throw e;
    }
  }
  throw editConflict("The session series");
}

async function save(ctx: CommandContext, session: Session, etag: string): Promise<Session> {
  const next = { ...session, updatedAt: ctx.clock.now().toISOString() };
  await ctx.repos.rhythm.sessions.replace(next, etag);
  return next;
}

/** Skips one occurrence: its reminders and cards stand down. Undone with `restoreSession`. */
export async function skipSession(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string, input: SkipRequest): Promise<SessionView> {
  const req = parseInput(SkipRequest, input);
  const { actor, session, etag } = await managed(ctx, identity, communityId, sessionId);
  if (session.status === "skipped") return viewOne(ctx, actor, session);
  const saved = await save(ctx, { ...session, status: "skipped", revision: session.revision + 1 }, etag);
  await setException(ctx, session, (e) => ({ ...e, skipped: true, reason: req.reason }));
  ctx.log.info({ event: "session_skipped", communityId, sessionId }, "session skipped");
  return viewOne(ctx, actor, saved);
}

/** Undoes a skip: the session is back, with fresh reminders. */
export async function restoreSession(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string): Promise<SessionView> {
  const { actor, session, etag } = await managed(ctx, identity, communityId, sessionId);
  if (session.status === "scheduled") return viewOne(ctx, actor, session);
  const saved = await save(ctx, { ...session, status: "scheduled", revision: session.revision + 1 }, etag);
  await setException(ctx, session, (e) => (e ? { movedTo: e.movedTo } : undefined));
  await replanSession(ctx, saved);
  return viewOne(ctx, actor, saved);
}

/** Moves one occurrence to a new local start in the session's zone; reminders follow it. */
export async function moveSession(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string, input: MoveRequest): Promise<SessionView> {
  const req = parseInput(MoveRequest, input);
  const { actor, session, etag } = await managed(ctx, identity, communityId, sessionId);
  if (session.status === "skipped") throw conflict("This session is skipped. Undo the skip first, then move it.");
  const startsAt = localToInstant(req.to, session.timeZone);
  if (startsAt.getTime() <= ctx.clock.now().getTime()) throw badRequest(`to: ${req.to} in ${session.timeZone} has already passed; choose a time in the future.`, "to");
  const length = Date.parse(session.endsAt) - Date.parse(session.startsAt);
  const saved = await save(
    ctx,
    { ...session, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + length).toISOString(), moved: true, revision: session.revision + 1 },
    etag,
  );
  await setException(ctx, session, (e) => ({ ...e, movedTo: req.to, reason: req.reason ?? e?.reason }));
  await replanSession(ctx, saved);
  return viewOne(ctx, actor, saved);
}

/** Changes a session's plan: format, agenda, theme, queued cases, join link. */
export async function updateSession(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string, input: SessionUpdateRequest): Promise<SessionView> {
  const req = parseInput(SessionUpdateRequest, input);
  const { actor, session, etag } = await managed(ctx, identity, communityId, sessionId);
  const next: Session = { ...session };
  const minutes = Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000);
  if (req.queuedCaseIds) next.queuedCaseIds = await requeue(ctx, actor, session.queuedCaseIds, [...new Set(req.queuedCaseIds)]);
  if (req.theme !== undefined) next.theme = req.theme ?? undefined;
  if (req.joinUrl !== undefined) next.joinUrl = req.joinUrl ?? undefined;
  if (req.agendaFormat && req.agendaFormat !== session.agendaFormat && !req.agenda) {
    next.agendaFormat = req.agendaFormat;
    next.agenda = defaultAgenda(req.agendaFormat, minutes, { facilitatorId: session.facilitatorId, theme: next.theme, queuedCaseCount: next.queuedCaseIds.length });
  }
  if (req.agenda) {
    const problem = checkAgenda(req.agenda, minutes);
    if (problem) throw badRequest(`agenda: ${problem}`, "agenda");
    next.agenda = req.agenda;
    if (req.agendaFormat) next.agendaFormat = req.agendaFormat;
  }
  return viewOne(ctx, actor, await save(ctx, next, etag));
}

/**
 * The new queue: the cases the editor chose (each must be a case summary they can open;
 * anything else is named in the error), then the queued cases only others can see, which
 * the editor never saw and so cannot have meant to remove.
 */
async function requeue(ctx: CommandContext, actor: CommunityActor, current: string[], chosen: string[]): Promise<string[]> {
  const found = await Promise.all(chosen.map((id) => ctx.repos.artifacts.get(actor.communityId, id)));
  found.forEach((a, i) => {
    if (!a || a.doc.deleted || !can(actor, "artifact", "read", a.doc)) throw badRequest(`queuedCaseIds: ${chosen[i]} is not an item in this library that you can open.`, "queuedCaseIds");
    if (a.doc.type !== ARTIFACT_TYPES[0]) throw badRequest(`queuedCaseIds: "${a.doc.title}" is not a case summary; only cases can be queued for the case clinic.`, "queuedCaseIds");
  });
  const existing = await Promise.all(current.filter((id) => !chosen.includes(id)).map((id) => ctx.repos.artifacts.get(actor.communityId, id)));
  const unseen = existing.filter((a) => a !== null && !a.doc.deleted && !can(actor, "artifact", "read", a.doc)).map((a) => a!.doc.id);
  const queue = [...chosen, ...unseen];
  if (queue.length > 10) throw badRequest("queuedCaseIds: at most 10 cases can be queued, including ones only other circles can see.", "queuedCaseIds");
  return queue;
}
