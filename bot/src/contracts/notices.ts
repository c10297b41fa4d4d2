import { z } from "zod";
import { Id, IsoInstant } from "./common";
import { Guarded, Story, YearMonth } from "./insights";
import { CheckInAnswers, IsoDate, RsvpAnswer, SessionKind } from "./rhythm";

/**
 * What the scheduler asks the bot to say. Commands decide a notice's content; `teams/`
 * renders it as a card when it is sent, so stored jobs carry data, never card JSON.
 */
export const SessionBrief = z.object({
  sessionId: Id,
  communityId: Id,
  communityName: z.string(),
  title: z.string(),
  kind: SessionKind,
  startsAt: IsoInstant,
  endsAt: IsoInstant,
  /** The series' zone; a personal card shows the reader's own zone instead. */
  timeZone: z.string(),
  joinUrl: z.string().optional(),
  facilitatorName: z.string().nullable(),
  theme: z.string().nullable(),
  agenda: z.array(z.object({ title: z.string(), minutes: z.number().int() })),
  skipped: z.boolean().default(false),
});
export type SessionBrief = z.infer<typeof SessionBrief>;

export const CheckInEntry = z.object({
  displayName: z.string(),
  win: z.string(),
  challenge: z.string(),
  ask: z.string(),
  energy: z.number().int().optional(),
  practice: z.string(),
});

export const Notice = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("session.reminder"),
    session: SessionBrief,
    minutesBefore: z.number().int(),
    /** Personal reminders name the reader's zone; channel ones let Teams show each reader's local time. */
    readerTimeZone: z.string().nullable(),
    /** The reader's own RSVP, for a personal card. */
    myRsvp: RsvpAnswer.nullable().default(null),
  }),
  z.object({
    kind: z.literal("session.handover"),
    session: SessionBrief,
    readerTimeZone: z.string(),
    queuedCases: z.array(z.object({ id: Id, title: z.string() })),
    openFollowUps: z.array(z.object({ title: z.string(), ownerName: z.string(), dueOn: IsoDate })),
  }),
  z.object({
    kind: z.literal("checkin.summary"),
    session: SessionBrief,
    count: z.number().int(),
    privateCount: z.number().int(),
    energyAverage: z.number().nullable(),
    entries: z.array(CheckInEntry),
  }),
  z.object({ kind: z.literal("session.feedback"), session: SessionBrief }),
  z.object({
    kind: z.literal("followup.nudge"),
    followUpId: Id,
    communityId: Id,
    title: z.string(),
    dueOn: IsoDate,
    sessionTitle: z.string().nullable(),
    overdue: z.boolean(),
  }),
  z.object({ kind: z.literal("swap.request"), swapId: Id, session: SessionBrief, fromName: z.string(), readerTimeZone: z.string() }),
  z.object({
    kind: z.literal("review.nudge"),
    artifactId: Id,
    communityId: Id,
    communityName: z.string(),
    title: z.string(),
    reviewBy: IsoDate,
    link: z.string(),
  }),
  z.object({
    kind: z.literal("buddy.intro"),
    roundId: Id,
    groupId: Id,
    communityId: Id,
    communityName: z.string(),
    buddies: z.array(z.object({ userId: Id, displayName: z.string(), department: z.string(), title: z.string().optional() })),
    reasons: z.array(z.string()),
    sprint: z.object({ startsOn: IsoDate, midOn: IsoDate, endsOn: IsoDate }),
    steps: z.array(z.string()),
    /** Opens a Teams chat with the buddies. */
    chatLink: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("buddy.checkin"),
    roundId: Id,
    groupId: Id,
    communityId: Id,
    communityName: z.string(),
    stage: z.enum(["mid", "closing"]),
    buddyNames: z.array(z.string()),
    sprint: z.object({ startsOn: IsoDate, midOn: IsoDate, endsOn: IsoDate }),
    steps: z.array(z.string()),
    /** For the closing check-in: practices the reflection can count towards. */
    practices: z.array(z.object({ id: Id, name: z.string() })),
  }),
  z.object({
    kind: z.literal("prompt.posted"),
    postingId: Id,
    communityId: Id,
    communityName: z.string(),
    promptKind: z.enum(["discussion", "reflective", "weekly-question"]),
    text: z.string(),
    value: z.string(),
    postedAt: IsoInstant,
  }),
  z.object({
    kind: z.literal("pilot.checkback"),
    pilotId: Id,
    communityId: Id,
    communityName: z.string(),
    practiceId: Id,
    practiceName: z.string(),
    commitment: z.string(),
    startOn: IsoDate,
    checkBackOn: IsoDate,
  }),
  z.object({
    kind: z.literal("practice.habit"),
    communityId: Id,
    communityName: z.string(),
    practiceId: Id,
    practiceName: z.string(),
    description: z.string(),
    priorityLabel: z.string(),
    /** The people whose pilots got it there (reported, not withdrawn). */
    thanks: z.array(z.string()),
    /** e.g. "4 managers have used it for 4 weeks or more" */
    evidenceLine: z.string(),
    /** Opens the practice on the tab's progress map. */
    link: z.string().nullable(),
  }),
  z.object({ kind: z.literal("swap.decided"), swapId: Id, session: SessionBrief, byName: z.string(), accepted: z.boolean(), readerTimeZone: z.string() }),
  /** To someone who just joined the community's team: the charter in brief, how sessions work, what to read first, who to ask. */
  z.object({
    kind: z.literal("onboarding.welcome"),
    communityId: Id,
    communityName: z.string(),
    memberName: z.string(),
    purpose: z.string(),
    /** The first three norms. */
    norms: z.array(z.string()),
    charterVersion: z.number().int(),
    cadence: z.string(),
    series: z.array(z.object({ title: z.string(), when: z.string() })),
    /** Three community-visible items, the most opened first; `link` opens one in the tab. */
    starters: z.array(z.object({ id: Id, title: z.string(), type: z.string(), link: z.string().nullable() })),
    /** The leads and facilitators. */
    contacts: z.array(z.object({ displayName: z.string(), role: z.string(), department: z.string() })),
  }),
  /** On the 1st, to each sponsor: last month in a few numbers (small groups left out) and up to two stories. */
  z.object({
    kind: z.literal("insights.digest"),
    communityId: Id,
    communityName: z.string(),
    /** The month looked back on. */
    month: YearMonth,
    numbers: z.object({ activeMembers: Guarded, sessionsHeld: z.number().int(), checkInRate: Guarded, artifactsAdded: Guarded, pilotReporters: Guarded }),
    stories: z.array(Story).max(2),
    minimumGroup: z.number().int(),
    /** Opens the Insights scene. */
    link: z.string().nullable(),
  }),
]);
export type Notice = z.infer<typeof Notice>;
export type NoticeKind = Notice["kind"];

/** The check-in card's state for one reader (the per-user refresh view). */
export const CheckInCardState = z.object({
  session: SessionBrief,
  count: z.number().int(),
  mine: CheckInAnswers.nullable(),
  open: z.boolean(),
  readerTimeZone: z.string().nullable(),
});
export type CheckInCardState = z.infer<typeof CheckInCardState>;
