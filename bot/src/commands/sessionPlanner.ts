import { DateTime } from "luxon";
import { SessionSeries, type Community, type Member, type NewJob, type Session } from "../contracts";
import { defaultAgenda, themeFor } from "../domain/agenda";
import { isAppError } from "../domain/errors";
import { occurrencesBetween, sessionIdFor } from "../domain/recurrence";
import { assignFacilitators } from "../domain/rotation";
import { type CommandContext } from "./context";
import { digestJob } from "./insights";
import { promptJobs } from "./prompts";

const DAY = 24 * 60 * 60 * 1000;
/** Sessions are written this far ahead, so the rota and the tab can show them. */
export const PLANNING_HORIZON_DAYS = 42;
/** A job whose time passed this long ago when planned is not worth sending any more. */
const LATE_GRACE_MS = 5 * 60 * 1000;

/** The job kinds the rhythm plans (the scheduler maps each to a handler in rhythmWork.ts). */
export const RHYTHM_JOBS = {
  remind: "session.remind",
  handover: "session.handover",
  start: "session.start",
  after: "session.after",
  followUpNudge: "followup.nudge",
  plan: "community.plan",
} as const;

export interface SessionJobPayload {
  communityId: string;
  sessionId: string;
  revision: number;
  offsetMinutes?: number;
  facilitatorId?: string;
  [key: string]: unknown;
}

/**
 * The jobs one session needs at its current revision: a reminder per offset, the
 * facilitator's hand-over a few days ahead, the check-in summary at the start and the
 * feedback card at the end. Ids carry the session's revision (and the facilitator for
 * the hand-over), so planning twice never makes two jobs, and a skip, move or swap
 * retires the old ones: their handlers find a newer revision and stand down.
 */
export function jobsForSession(session: Session, series: Pick<SessionSeries, "reminderOffsetsMinutes" | "handoverDaysBefore">, now: Date): NewJob[] {
  if (session.status !== "scheduled") return [];
  const start = Date.parse(session.startsAt);
  const base = { communityId: session.communityId, sessionId: session.id, revision: session.revision };
  const tag = `${session.id}-r${session.revision}`;
  const jobs: NewJob[] = [];
  const add = (kind: string, id: string, dueMs: number, extra: Record<string, unknown> = {}) => {
    if (dueMs < now.getTime() - LATE_GRACE_MS) return;
    jobs.push({ id, tenantId: session.tenantId, kind, dueAt: new Date(Math.max(dueMs, now.getTime())).toISOString(), payload: { ...base, ...extra } });
  };
  for (const offset of series.reminderOffsetsMinutes) add(RHYTHM_JOBS.remind, `remind-${tag}-${offset}`, start - offset * 60_000, { offsetMinutes: offset });
  if (session.facilitatorId && start - now.getTime() > 60 * 60 * 1000) {
    // Late planning (a swap two days before) still gets a hand-over: now rather than never.
    add(RHYTHM_JOBS.handover, `handover-${tag}-${session.facilitatorId}`, Math.max(start - series.handoverDaysBefore * DAY, now.getTime()), { facilitatorId: session.facilitatorId });
  }
  add(RHYTHM_JOBS.start, `start-${tag}`, start);
  add(RHYTHM_JOBS.after, `after-${tag}`, Date.parse(session.endsAt));
  return jobs;
}

/** A new occurrence's session document, with the default agenda for its series. */
function newSession(series: SessionSeries, occurrence: { key: string; startsAt: Date; endsAt: Date; skipped: boolean; moved: boolean }, now: Date): Session {
  const theme = themeFor(series.themes, occurrence.startsAt, series.timeZone);
  return {
    id: sessionIdFor(series.id, occurrence.key),
    communityId: series.communityId,
    tenantId: series.tenantId,
    seriesId: series.id,
    occurrenceKey: occurrence.key,
    kind: series.kind,
    title: series.title,
    startsAt: occurrence.startsAt.toISOString(),
    endsAt: occurrence.endsAt.toISOString(),
    timeZone: series.timeZone,
    status: occurrence.skipped ? "skipped" : "scheduled",
    moved: occurrence.moved,
    agendaFormat: series.agendaFormat,
    agenda: defaultAgenda(series.agendaFormat, series.durationMinutes, { theme }),
    theme,
    queuedCaseIds: [],
    joinUrl: series.joinUrl,
    revision: 0,
    updatedAt: now.toISOString(),
  };
}

/** Who may be given a turn at facilitating: everyone taking part who hasn't opted out. */
export const rotationCandidates = (members: Member[]) =>
  members.filter((m) => m.role !== "sponsor").map((m) => ({ userId: m.userId, willing: m.preferences.willingToFacilitate, awayUntil: m.preferences.awayUntil, timeZone: m.timeZone }));

export interface PlanReport {
  sessionsCreated: number;
  facilitatorsAssigned: number;
  jobsEnqueued: number;
}

/**
 * Plans one community up to the horizon: writes the sessions its series will hold, gives
 * each a facilitator by fair rotation, and enqueues their jobs and tomorrow's planning.
 * Safe to run any number of times, on any number of instances: creates are idempotent by
 * id and assignments are etag-conditional (a lost race just leaves the winner's choice).
 */
export async function planCommunity(ctx: CommandContext, communityId: string): Promise<PlanReport> {
  const { rhythm, series: seriesRepo, members: memberRepo, jobs } = ctx.repos;
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + PLANNING_HORIZON_DAYS * DAY);
  const [community, allSeries, members, existing, history] = await Promise.all([
    ctx.repos.communities.get(communityId, communityId),
    seriesRepo.all(communityId),
    memberRepo.list(communityId),
    rhythm.sessionsBetween(communityId, new Date(now.getTime() - DAY).toISOString(), new Date(horizon.getTime() + DAY).toISOString(), { limit: 500 }),
    rhythm.facilitationsBefore(communityId, now.toISOString()),
  ]);
  const byId = new Map(existing.map((s) => [s.id, s]));
  const created: Session[] = [];
  for (const series of allSeries) {
    for (const occurrence of occurrencesBetween(series, now, horizon)) {
      const id = sessionIdFor(series.id, occurrence.key);
      if (byId.has(id)) continue;
      const session = newSession(series, occurrence, now);
      created.push(session);
      byId.set(id, session);
    }
  }

  const upcoming = [...byId.values()].filter((s) => s.status === "scheduled" && Date.parse(s.startsAt) >= now.getTime()).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const choices = assignFacilitators(
    rotationCandidates(members),
    history.map((h) => ({ userId: h.userId, startsAt: new Date(h.startsAt) })),
    upcoming.map((s) => ({ sessionId: s.id, startsAt: new Date(s.startsAt), facilitatorId: s.facilitatorId })),
  );
  const assigned = new Set<string>();
  for (const session of upcoming) {
    const choice = choices.get(session.id);
    if (!session.facilitatorId && choice) {
      session.facilitatorId = choice;
      session.agenda = defaultAgenda(session.agendaFormat, minutesOf(session), { facilitatorId: choice, theme: session.theme, queuedCaseCount: session.queuedCaseIds.length });
      assigned.add(session.id);
    }
  }

  const createdIds = new Set(created.map((s) => s.id));
  await Promise.all(
    [...byId.values()].map(async (session) => {
      if (createdIds.has(session.id)) await rhythm.sessions.create(session).catch(ignoreAlreadyExists);
      else if (assigned.has(session.id)) await saveAssignment(ctx, session);
    }),
  );

  const seriesById = new Map(allSeries.map((s) => [s.id, s]));
  const planned = upcoming.flatMap((s) => {
    const series = seriesById.get(s.seriesId);
    return series ? jobsForSession(s, series, now) : [];
  });
  const tomorrow = DateTime.fromJSDate(now, { zone: "utc" }).plus({ days: 1 }).set({ hour: 2, minute: 0, second: 0, millisecond: 0 });
  planned.push({ id: `plan-${communityId}-${tomorrow.toFormat("yyyyLLdd")}`, tenantId: members[0]?.tenantId ?? upcoming[0]?.tenantId ?? "unknown", kind: RHYTHM_JOBS.plan, dueAt: tomorrow.toISO()!, payload: { communityId } });
  if (community) planned.push(...promptJobs(community.doc, now));
  if (community) planned.push(digestJob(community.doc, now));
  const jobsEnqueued = await jobs.enqueueMany(planned);
  if (created.length || assigned.size) ctx.log.info({ event: "sessions_planned", communityId, created: created.length, assigned: assigned.size, jobsEnqueued }, "sessions planned");
  return { sessionsCreated: created.length, facilitatorsAssigned: assigned.size, jobsEnqueued };
}

/** Writes a newly chosen facilitator onto a stored session, unless someone changed it meanwhile. */
async function saveAssignment(ctx: CommandContext, planned: Session): Promise<void> {
  const found = await ctx.repos.rhythm.getSession(planned.communityId, planned.id);
  if (!found || found.doc.facilitatorId) return;
  await ctx.repos.rhythm.sessions.replace({ ...found.doc, facilitatorId: planned.facilitatorId, agenda: planned.agenda, updatedAt: ctx.clock.now().toISOString() }, found.etag).catch((e) => {
    if (!isAppError(e) || e.code !== "edit_conflict") throw e;
  });
}

/** Enqueues the jobs of one session again after a change (skip undone, move, new facilitator). */
export async function replanSession(ctx: CommandContext, session: Session): Promise<void> {
  const series = await ctx.repos.series.get(session.communityId, session.seriesId);
  if (series) await ctx.repos.jobs.enqueueMany(jobsForSession(session, series.doc, ctx.clock.now()));
}

const minutesOf = (s: Session) => Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000);

function ignoreAlreadyExists(e: unknown): void {
  if (!isAppError(e) || e.code !== "already_exists") throw e;
}

/**
 * A new community's default rhythm, in its time zone: a light weekly check-in (Tuesdays
 * 09:00, 30 minutes, open format) and a monthly deep dive (first Thursday 15:00, an hour,
 * the standard agenda). Ids are fixed per community, so a repeated install adds nothing.
 */
export function defaultSeriesFor(community: Pick<Community, "id" | "tenantId" | "timeZone">, now: Date): SessionSeries[] {
  const today = DateTime.fromJSDate(now, { zone: community.timeZone }).startOf("day");
  const next = (weekday: number) => today.plus({ days: ((weekday - today.weekday + 7) % 7) || 7 });
  const common = { communityId: community.id, tenantId: community.tenantId, timeZone: community.timeZone, createdAt: now.toISOString() };
  return [
    SessionSeries.parse({ ...common, id: `ser-${community.id}-checkin`, kind: "check-in", title: "Weekly check-in", rrule: "FREQ=WEEKLY;BYDAY=TU", startsOn: `${next(2).toISODate()}T09:00`, durationMinutes: 30, agendaFormat: "open" }),
    SessionSeries.parse({ ...common, id: `ser-${community.id}-deepdive`, kind: "deep-dive", title: "Monthly deep dive", rrule: "FREQ=MONTHLY;BYDAY=1TH", startsOn: `${next(4).toISODate()}T15:00`, durationMinutes: 60, agendaFormat: "standard" }),
  ];
}

/** Gives a community its default rhythm if it has none yet, and plans it. */
export async function ensureRhythm(ctx: CommandContext, community: Pick<Community, "id" | "tenantId" | "timeZone">): Promise<void> {
  if ((await ctx.repos.series.count(community.id)) === 0) {
    for (const series of defaultSeriesFor(community, ctx.clock.now())) await ctx.repos.series.create(series).catch(ignoreAlreadyExists);
  }
  await planCommunity(ctx, community.id);
}
