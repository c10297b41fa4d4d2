import { SeriesUpdateRequest, type SeriesListResponse, type SeriesResponse, type SessionSeries } from "../contracts";
import { defaultAgenda, themeFor } from "../domain/agenda";
import { notFound } from "../domain/errors";
import { parseInput } from "../domain/validation";
import { authorize, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { replanSession } from "./sessionPlanner";

const view = ({ tenantId: _t, ...s }: SessionSeries) => s;

export async function listSeries(ctx: CommandContext, identity: Identity, communityId: string): Promise<SeriesListResponse> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "read");
  return { items: (await ctx.repos.series.all(communityId)).sort((a, b) => a.title.localeCompare(b.title)).map(view) };
}

/**
 * Changes a series' settings. Upcoming sessions follow (new reminder times, this month's
 * theme, the join link, the agenda's shape) and get fresh jobs; their old jobs stand down.
 */
export async function updateSeries(ctx: CommandContext, identity: Identity, communityId: string, seriesId: string, input: SeriesUpdateRequest): Promise<SeriesResponse> {
  const req = parseInput(SeriesUpdateRequest, input);
  const { actor } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "manageSeries", undefined, "Only facilitators and leads can change the session series.");
  const found = await ctx.repos.series.get(communityId, seriesId);
  if (!found) throw notFound("That session series");
  const { themes: themeChanges, joinUrl, ...rest } = req;
  const themes = { ...found.doc.themes };
  for (const [month, theme] of Object.entries(themeChanges ?? {})) {
    if (theme) themes[month] = theme;
    else delete themes[month];
  }
  const series: SessionSeries = { ...found.doc, ...rest, themes, joinUrl: joinUrl === undefined ? found.doc.joinUrl : (joinUrl ?? undefined) };
  await ctx.repos.series.replace(series, found.etag);

  const now = ctx.clock.now();
  const upcoming = (await ctx.repos.rhythm.sessionsBetween(communityId, now.toISOString(), new Date(now.getTime() + 366 * 24 * 60 * 60 * 1000).toISOString(), { limit: 200 })).filter((s) => s.seriesId === seriesId);
  for (const session of upcoming) {
    const current = await ctx.repos.rhythm.getSession(communityId, session.id);
    if (!current) continue;
    const s = current.doc;
    const theme = themeFor(series.themes, new Date(s.startsAt), series.timeZone);
    const formatChanged = req.agendaFormat !== undefined && req.agendaFormat !== s.agendaFormat;
    const minutes = Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000);
    const next = {
      ...s,
      title: series.title,
      theme,
      joinUrl: joinUrl === undefined ? s.joinUrl : series.joinUrl,
      agendaFormat: series.agendaFormat,
      agenda: formatChanged ? defaultAgenda(series.agendaFormat, minutes, { facilitatorId: s.facilitatorId, theme, queuedCaseCount: s.queuedCaseIds.length }) : s.agenda,
      // New reminder times mean new jobs; the revision retires the old ones.
      revision: req.reminderOffsetsMinutes || req.handoverDaysBefore !== undefined ? s.revision + 1 : s.revision,
      updatedAt: now.toISOString(),
    };
    await ctx.repos.rhythm.sessions.replace(next, current.etag);
    if (next.revision !== s.revision) await replanSession(ctx, next);
  }
  return { series: view(series) };
}
