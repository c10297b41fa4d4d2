import { DateTime } from "luxon";
import { ExportQuery, InsightsQuery, type Community, type Guarded, type InsightsView, type NewJob, type Notice } from "../contracts";
import { slugOf } from "../domain/charter";
import { badRequest } from "../domain/errors";
import {
  computeInsights,
  heldSessions,
  insightsCsv,
  insightsMarkdown,
  lastMonths,
  monthRanges,
  nextDigestAt,
  previousMonth,
  quarterMonths,
  quarterOf,
  type InsightsData,
  type InsightsOptions,
} from "../domain/insights";
import { personalDeliveryTime } from "../domain/reminders";
import { parseInput } from "../domain/validation";
import { authorize, can, type Identity } from "../policies";
import { resolveCommunityActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { type Delivery, type WorkOutcome } from "./rhythmWork";

/** The scheduler's job kind for the monthly sponsor digest. */
export const INSIGHTS_JOBS = { digest: "insights.digest" } as const;

/** The digest arrives on the 1st of each month at this local time in the community's zone. */
const DIGEST_TIME = "09:00";
/** RSVPs and check-ins for sessions this far past the period still count as activity inside it. */
const LOOKAHEAD_MS = 31 * 24 * 60 * 60 * 1000;

/**
 * What the metrics are computed from, for the months [from, to]: a handful of
 * single-partition queries in the community's partition (members, the period's sessions
 * and their answers, the items and prompt answers created in it, practices, pilots and
 * published rounds); no bodies of library items are read.
 */
async function loadInsightsData(ctx: CommandContext, communityId: string, start: Date, end: Date): Promise<InsightsData> {
  const { rhythm, practices, buddies, contributions, members } = ctx.repos;
  const [people, sessions, artifacts, answers, allPractices, pilots, rounds] = await Promise.all([
    members.list(communityId),
    rhythm.sessionsBetween(communityId, start.toISOString(), new Date(end.getTime() + LOOKAHEAD_MS).toISOString(), { limit: 1000 }),
    contributions.artifactsCreatedBetween(communityId, start.toISOString(), end.toISOString()),
    practices.answersCreatedBetween(communityId, start.toISOString(), end.toISOString()),
    practices.practices.all(communityId),
    practices.pilots.all(communityId),
    buddies.publishedRounds(communityId, 60),
  ]);
  const ids = sessions.map((s) => s.id);
  const [rsvps, checkIns, postings] = await Promise.all([rhythm.answersFor(communityId, "rsvp", ids), rhythm.answersFor(communityId, "checkIn", ids), contributions.postingTexts(communityId, [...new Set(answers.map((a) => a.postingId))])]);
  return {
    members: people,
    sessions,
    rsvps,
    checkIns,
    artifacts,
    answers,
    postings,
    practices: allPractices,
    pilots,
    rounds,
  };
}

async function insightsFor(ctx: CommandContext, community: Community, from: string, to: string, options: Pick<InsightsOptions, "attendanceLimit" | "storyLimit"> = {}) {
  const zone = community.timeZone;
  const months = monthRanges(from, to, zone);
  const data = await loadInsightsData(ctx, community.id, months[0]!.start, months.at(-1)!.end);
  const now = ctx.clock.now();
  const view = computeInsights(data, { now, zone, from, to, artifactLink: (id) => ctx.links.artifact(community.id, id), ...options });
  return { view, data, months, now };
}

/** The Insights scene: the last `months` months (this one included), small groups left out for every reader. */
export async function readInsights(ctx: CommandContext, identity: Identity, communityId: string, query: unknown): Promise<InsightsView> {
  const q = parseInput(InsightsQuery, query ?? {});
  const { actor, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "insights", "read");
  const { from, to } = lastMonths(ctx.clock.now(), q.months, community.timeZone);
  const { view } = await insightsFor(ctx, community, from, to);
  return { communityId, ...view, can: { export: can(actor, "insights", "export") } };
}

export interface InsightsExport {
  filename: string;
  contentType: string;
  body: string;
}

/**
 * The quarterly review as a file: Markdown (numbers with the stories) or CSV (one row per
 * number, then the stories), for a quarter that has begun (default: this one). Small groups
 * are left out exactly as on the page.
 */
export async function exportInsights(ctx: CommandContext, identity: Identity, communityId: string, query: unknown): Promise<InsightsExport> {
  const q = parseInput(ExportQuery, query ?? {});
  const { actor, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "insights", "export", undefined, "The quarterly review is for leads, facilitators and sponsors. You can see the same numbers in the Insights tab; ask a lead if you need the file.");
  const now = ctx.clock.now();
  const quarter = q.quarter ?? quarterOf(now, community.timeZone);
  const { from, to: last } = quarterMonths(quarter);
  if (monthRanges(from, from, community.timeZone)[0]!.start.getTime() > now.getTime()) {
    throw badRequest(`quarter: ${quarter} has not started yet. Choose ${quarterOf(now, community.timeZone)} or an earlier quarter.`, "quarter");
  }
  // The quarter under way is reviewed up to this month: months to come have nothing to say yet.
  const thisMonth = lastMonths(now, 1, community.timeZone).to;
  const to = last < thisMonth ? last : thisMonth;
  const { view } = await insightsFor(ctx, community, from, to, { attendanceLimit: 100, storyLimit: 10 });
  const full: InsightsView = { communityId, ...view, can: { export: true } };
  const name = `${slugOf(community.name, "community")}-review-${quarter}`;
  return q.format === "md"
    ? { filename: `${name}.md`, contentType: "text/markdown; charset=utf-8", body: insightsMarkdown(full, quarter, community.name, community.timeZone) }
    : // A byte-order mark, so spreadsheet apps read the file as UTF-8 (names with accents stay whole).
      { filename: `${name}.csv`, contentType: "text/csv; charset=utf-8; header=present", body: `\uFEFF${insightsCsv(full, community.timeZone)}` };
}

/**
 * The next monthly digest of a community: the 1st at 09:00 in its zone. The id names the
 * community and the month, so planning every day queues it once.
 */
export function digestJob(community: Pick<Community, "id" | "tenantId" | "timeZone">, now: Date): NewJob {
  const at = nextDigestAt(now, community.timeZone, DIGEST_TIME);
  const month = DateTime.fromJSDate(at, { zone: community.timeZone });
  return { id: `digest-${community.id}-${month.toFormat("yyyyLL")}`, tenantId: community.tenantId, kind: INSIGHTS_JOBS.digest, dueAt: at.toISOString(), payload: { communityId: community.id, month: month.toFormat("yyyy-LL") } };
}

/** The scheduler's job for insights: on the 1st, each sponsor's personal digest of the month before. */
export function insightsWork(ctx: CommandContext): Record<string, (job: { id: string; payload: Record<string, unknown> }) => Promise<WorkOutcome>> {
  return {
    [INSIGHTS_JOBS.digest]: async (job) => {
      const { communityId, month } = job.payload as { communityId: string; month: string };
      const found = await ctx.repos.communities.get(communityId, communityId);
      if (!found || typeof month !== "string") return { note: "skipped" };
      const community = found.doc;
      const zone = community.timeZone;
      const sponsors = (await ctx.repos.members.list(communityId)).filter((m) => m.role === "sponsor");
      if (sponsors.length === 0) return { note: "skipped" };
      const looked = previousMonth(monthRanges(month, month, zone)[0]!.start, zone);
      const { view, data, months } = await insightsFor(ctx, community, looked, looked, { storyLimit: 2 });
      const now = ctx.clock.now();
      const only = (g: Guarded): Guarded => ({ value: g.value, suppressed: g.suppressed });
      const notice: Notice = {
        kind: "insights.digest",
        communityId,
        communityName: community.name,
        month: looked,
        numbers: {
          activeMembers: only(view.activeMembers[0]!),
          sessionsHeld: heldSessions(data.sessions, months[0]!.start, months[0]!.end, now).length,
          checkInRate: only(view.checkInRate[0]!),
          artifactsAdded: only(view.artifactsPerMonth[0]!),
          pilotReporters: only(view.pilotReports.reporters),
        },
        stories: view.stories.slice(0, 2),
        minimumGroup: view.minimumGroup,
        link: null,
      };
      const deliveries: Delivery[] = sponsors.map((m) => ({
        id: `${job.id}-${m.userId}`,
        target: { kind: "personal", tenantId: community.tenantId, userId: m.userId },
        dueAt: (personalDeliveryTime(now, m.timeZone, m.preferences.quietHours) ?? now).toISOString(),
        notice,
      }));
      return { deliveries };
    },
  };
}
