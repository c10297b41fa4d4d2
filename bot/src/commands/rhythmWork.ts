import { z } from "zod";
import { type CheckIn, type DeliveryTarget, type Job, type Member, type Notice, type Rsvp, type Session } from "../contracts";
import { personalDeliveryTime, isAway } from "../domain/reminders";
import { type CommandContext } from "./context";
import { BUDDY_CHECKIN_JOB, buddyCheckIns } from "./buddies";
import { onboardingWork } from "./onboarding";
import { insightsWork } from "./insights";
import { practiceWork } from "./practices";
import { promptWork } from "./prompts";
import { reviewNudges } from "./reviewNudger";
import { planCommunity, RHYTHM_JOBS } from "./sessionPlanner";
import { summaryOf } from "./sessionReader";
import { briefOfSession, peopleOf, type People } from "./sessionViews";

/** One message the scheduler should send, with its own deterministic id. */
export interface Delivery {
  id: string;
  target: DeliveryTarget;
  notice: Notice;
  dueAt?: string;
}

export interface WorkOutcome {
  deliveries?: Delivery[];
  /** "skipped" when the job found nothing to do (a skipped or moved session, a done follow-up). */
  note?: string;
}

const SessionJob = z.object({ communityId: z.string(), sessionId: z.string(), revision: z.number().int(), offsetMinutes: z.number().int().optional(), facilitatorId: z.string().optional() });
const NudgeJob = z.object({ communityId: z.string(), followUpId: z.string(), dueOn: z.string(), ownerId: z.string(), nudge: z.enum(["before", "overdue"]) });
const PlanJob = z.object({ communityId: z.string() });

const SKIPPED: WorkOutcome = { note: "skipped" };

/**
 * What each rhythm job does when it comes due. Every handler reads the current state
 * first and stands down when the job is stale (the session was skipped, moved or handed
 * over since it was planned; the follow-up is done or re-dated), so nothing outdated is
 * ever sent. Handlers only decide messages; the scheduler sends them, each once.
 */
export function rhythmWork(ctx: CommandContext): Record<string, (job: Job) => Promise<WorkOutcome>> {
  /** The session the job was planned for, if it still stands as planned. */
  async function current(job: Job): Promise<{ session: Session; people: People; communityName: string; p: z.infer<typeof SessionJob> } | null> {
    const p = SessionJob.parse(job.payload);
    const found = await ctx.repos.rhythm.getSession(p.communityId, p.sessionId);
    if (!found || found.doc.status !== "scheduled" || found.doc.revision !== p.revision) return null;
    const [people, community] = await Promise.all([peopleOf(ctx, p.communityId), ctx.repos.communities.get(p.communityId, p.communityId)]);
    return { session: found.doc, people, communityName: community?.doc.name ?? "", p };
  }

  const personal = (tenantId: string, userId: string): DeliveryTarget => ({ kind: "personal", tenantId, userId });

  return {
    /** A reminder to the channel, and to each member who asked for one in their personal chat (outside their quiet hours). */
    [RHYTHM_JOBS.remind]: async (job) => {
      const found = await current(job);
      if (!found) return SKIPPED;
      const { session, people, communityName, p } = found;
      const brief = briefOfSession(session, people, communityName);
      const minutesBefore = p.offsetMinutes ?? 0;
      const now = ctx.clock.now();
      const start = new Date(session.startsAt);
      const rsvps = (await ctx.repos.rhythm.answersFor(session.communityId, "rsvp", [session.id])) as Rsvp[];
      const deliveries: Delivery[] = [
        { id: `${job.id}-channel`, target: { kind: "channel", tenantId: session.tenantId, communityId: session.communityId }, notice: { kind: "session.reminder", session: brief, minutesBefore, readerTimeZone: null, myRsvp: null } },
      ];
      for (const m of people.values()) {
        if (!wantsReminders(m, start) || rsvps.some((r) => r.userId === m.userId && r.answer === "not-going")) continue;
        const at = personalDeliveryTime(now, m.timeZone, m.preferences.quietHours, start);
        if (!at) continue;
        deliveries.push({
          id: `${job.id}-${m.userId}`,
          target: personal(session.tenantId, m.userId),
          dueAt: at.toISOString(),
          notice: { kind: "session.reminder", session: brief, minutesBefore, readerTimeZone: m.timeZone, myRsvp: rsvps.find((r) => r.userId === m.userId)?.answer ?? null },
        });
      }
      return { deliveries };
    },

    /** The prep kit to the session's facilitator: agenda, queued cases, open follow-ups. */
    [RHYTHM_JOBS.handover]: async (job) => {
      const found = await current(job);
      if (!found || !found.session.facilitatorId || found.session.facilitatorId !== found.p.facilitatorId) return SKIPPED;
      const { session, people, communityName } = found;
      const facilitator = people.get(session.facilitatorId!);
      if (!facilitator) return SKIPPED;
      const [cases, followUps] = await Promise.all([
        Promise.all(session.queuedCaseIds.map((id) => ctx.repos.artifacts.get(session.communityId, id))),
        ctx.repos.rhythm.followUpsByStatus(session.communityId, "open"),
      ]);
      return {
        deliveries: [
          {
            id: `${job.id}-deliver`,
            target: personal(session.tenantId, facilitator.userId),
            notice: {
              kind: "session.handover",
              session: briefOfSession(session, people, communityName),
              readerTimeZone: facilitator.timeZone,
              // Only what the whole community may see goes on the card; circle-only cases stay in the tab.
              queuedCases: cases.filter((a) => a && !a.doc.deleted && a.doc.visibility === "community").map((a) => ({ id: a!.doc.id, title: a!.doc.title })),
              openFollowUps: followUps.slice(0, 10).map((f) => ({ title: f.title, ownerName: people.get(f.ownerId)?.displayName ?? "A former member", dueOn: f.dueOn })),
            },
          },
        ],
      };
    },

    /** At the start: the check-in summary to the facilitator (private answers only counted). */
    [RHYTHM_JOBS.start]: async (job) => {
      const found = await current(job);
      if (!found || !found.session.facilitatorId) return SKIPPED;
      const { session, people, communityName } = found;
      const summary = await summaryOf(ctx, session);
      return {
        deliveries: [
          {
            id: `${job.id}-deliver`,
            target: personal(session.tenantId, session.facilitatorId!),
            notice: {
              kind: "checkin.summary",
              session: briefOfSession(session, people, communityName),
              count: summary.count,
              privateCount: summary.privateCount,
              energyAverage: summary.energyAverage,
              entries: summary.entries.map(({ person, ...answers }) => ({ displayName: person.displayName, ...answers })),
            },
          },
        ],
      };
    },

    /** At the end: the feedback card to the channel, and personally to those who checked in and get personal messages. */
    [RHYTHM_JOBS.after]: async (job) => {
      const found = await current(job);
      if (!found) return SKIPPED;
      const { session, people, communityName } = found;
      const notice: Notice = { kind: "session.feedback", session: briefOfSession(session, people, communityName) };
      const checkIns = (await ctx.repos.rhythm.answersFor(session.communityId, "checkIn", [session.id])) as CheckIn[];
      const now = ctx.clock.now();
      const personalOnes = checkIns
        .map((c) => people.get(c.userId))
        .filter((m): m is Member => Boolean(m) && wantsReminders(m!, now))
        .flatMap((m) => {
          const at = personalDeliveryTime(now, m.timeZone, m.preferences.quietHours);
          return at ? [{ id: `${job.id}-${m.userId}`, target: personal(session.tenantId, m.userId), notice, dueAt: at.toISOString() }] : [];
        });
      return { deliveries: [{ id: `${job.id}-channel`, target: { kind: "channel", tenantId: session.tenantId, communityId: session.communityId }, notice }, ...personalOnes] };
    },

    /** The day before a follow-up is due, and the day after if it is still open. */
    [RHYTHM_JOBS.followUpNudge]: async (job) => {
      const p = NudgeJob.parse(job.payload);
      const found = await ctx.repos.rhythm.followUps.get(p.communityId, p.followUpId);
      const f = found?.doc;
      if (!f || f.status !== "open" || f.dueOn !== p.dueOn || f.ownerId !== p.ownerId) return SKIPPED;
      const session = f.sessionId ? await ctx.repos.rhythm.getSession(f.communityId, f.sessionId) : null;
      return {
        deliveries: [
          {
            id: `${job.id}-deliver`,
            target: personal(f.tenantId, f.ownerId),
            notice: { kind: "followup.nudge", followUpId: f.id, communityId: f.communityId, title: f.title, dueOn: f.dueOn, sessionTitle: session?.doc.title ?? null, overdue: p.nudge === "overdue" },
          },
        ],
      };
    },

    /** Pilot check-backs and habit celebrations. */
    ...practiceWork(ctx),

    /** The weekly prompt on the cadence, and prompts posted on demand. */
    ...promptWork(ctx),

    /** On the 1st: each sponsor's digest of the month before. */
    ...insightsWork(ctx),

    /** The welcome card to someone who just joined the community's team. */
    ...onboardingWork(ctx),

    /** Mid-sprint and closing: each buddy gets the check-in card. */
    [BUDDY_CHECKIN_JOB]: (job) => buddyCheckIns(ctx, job),

    /** Daily: plan the next weeks (new sessions, facilitators, their jobs) and tomorrow's planning; nudge owners of items due for review. */
    [RHYTHM_JOBS.plan]: async (job) => {
      const p = PlanJob.parse(job.payload);
      if (!(await ctx.repos.communities.get(p.communityId, p.communityId))) return SKIPPED;
      await planCommunity(ctx, p.communityId);
      return { deliveries: await reviewNudges(ctx, p.communityId) };
    },
  };
}

/** Personal reminders only for members who asked for them and aren't away that day. */
const wantsReminders = (m: Member, at: Date) => m.preferences.personalReminders && !isAway(m.preferences.awayUntil, at, m.timeZone);
