import { type CheckIn, type Feedback, type FollowUp, type MemberPreferences, type Rsvp, type Session, type SessionSeries } from "../../contracts";
import { defaultAgenda, themeFor } from "../../domain/agenda";
import { occurrencesBetween, sessionIdFor } from "../../domain/recurrence";
import { type CommandContext } from "../context";
import { DEMO_COMMUNITY_ID, DEMO_PEOPLE, DEMO_TENANT_ID } from "./people";

const DAY = 24 * 60 * 60 * 1000;

/** The Playground's three users get reminders in their chat; one person sits out the rotation, one is away. */
export function demoPreferences(userId: string, now: Date): Partial<MemberPreferences> {
  switch (userId) {
    case "aad-user-amara":
    case "aad-user-jonas":
    case "aad-user-priya":
      return { personalReminders: true };
    case "aad-user-aiko":
      return { willingToFacilitate: false };
    case "aad-user-noah":
      return { awayUntil: new Date(now.getTime() + 10 * DAY).toISOString().slice(0, 10) };
    default:
      return {};
  }
}

/** A topic for this month and the next two, each with the member who brings its content. */
export function demoThemes(now: Date): SessionSeries["themes"] {
  const topics = [
    { title: "Feedback that lands", ownerId: "aad-user-mei" },
    { title: "Deciding together without deciding slowly", ownerId: "aad-user-jonas" },
    { title: "Workload and saying no", ownerId: "aad-user-fatima" },
  ];
  const themes: SessionSeries["themes"] = {};
  topics.forEach((topic, i) => {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
    themes[month.toISOString().slice(0, 7)] = topic;
  });
  return themes;
}

const WINS = [
  "Ran my first skip-level without a script and people actually talked.",
  "Said no to a project and offered a smaller version instead; it was accepted.",
  "My team wrote their own on-call rules after I asked instead of told.",
  "Gave feedback the same day instead of saving it for the review.",
  "Two people who never spoke in stand-ups led the retro.",
  "Handed the weekly planning meeting to a senior on my team.",
];
const CHALLENGES = [
  "Two seniors disagree on priorities and both come to me to decide.",
  "Remote half of the team goes quiet in hybrid meetings.",
  "I keep getting pulled into escalations I should let others handle.",
  "A new hire is struggling and I'm not sure how direct to be.",
  "Morale after the reorganisation announcement.",
  "",
];

/**
 * The last six weeks of the demo's rhythm, so the Sessions tab has history: past sessions
 * with their facilitators, RSVPs, check-ins (one of them private) and feedback, plus a few
 * follow-ups, one of them overdue.
 */
export async function seedDemoRhythm(ctx: CommandContext, series: SessionSeries[]): Promise<void> {
  const { rhythm } = ctx.repos;
  const now = ctx.clock.now();
  const base = { communityId: DEMO_COMMUNITY_ID, tenantId: DEMO_TENANT_ID };
  const rotation = DEMO_PEOPLE.filter((p) => p.role !== "sponsor" && p.userId !== "aad-user-aiko").map((p) => p.userId);
  const past = series
    .flatMap((s) => occurrencesBetween(s, new Date(now.getTime() - 42 * DAY), now).map((o) => ({ s, o })))
    .filter(({ o }) => o.endsAt.getTime() < now.getTime())
    .sort((a, b) => a.o.startsAt.getTime() - b.o.startsAt.getTime());

  const sessions: Session[] = past.map(({ s, o }, i) => {
    const theme = themeFor(s.themes, o.startsAt, s.timeZone);
    const facilitatorId = rotation[i % rotation.length]!;
    return {
      ...base,
      id: sessionIdFor(s.id, o.key),
      seriesId: s.id,
      occurrenceKey: o.key,
      kind: s.kind,
      title: s.title,
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt.toISOString(),
      timeZone: s.timeZone,
      status: "scheduled",
      moved: false,
      facilitatorId,
      agendaFormat: s.agendaFormat,
      agenda: defaultAgenda(s.agendaFormat, s.durationMinutes, { facilitatorId, theme }),
      theme,
      queuedCaseIds: [],
      revision: 0,
      updatedAt: o.endsAt.toISOString(),
    };
  });
  await rhythm.sessions.createMany(DEMO_COMMUNITY_ID, sessions);

  const answers: (Rsvp | CheckIn | Feedback)[] = [];
  sessions.forEach((session, i) => {
    const attendees = DEMO_PEOPLE.filter((p) => p.role !== "sponsor").slice(i % 3, (i % 3) + 7);
    const before = new Date(Date.parse(session.startsAt) - DAY).toISOString();
    attendees.forEach((p, j) => {
      const person = { ...base, sessionId: session.id, userId: p.userId };
      answers.push({ ...person, answer: j < 6 ? "going" : "not-going", at: before });
      if (j < 6) {
        answers.push({
          ...person,
          win: WINS[(i + j) % WINS.length]!,
          challenge: CHALLENGES[(i + j) % CHALLENGES.length]!,
          ask: j === 1 ? "Has anyone run a team charter session in under an hour?" : "",
          energy: 2 + ((i + j) % 4),
          practice: j % 2 === 0 ? "Same-day feedback" : "Decision log for team calls",
          private: j === 4,
          submittedAt: before,
          updatedAt: before,
        });
      }
      if (j < 5) answers.push({ ...person, usefulness: 3 + ((i + j) % 3), willTry: j === 0 ? "Ask before advising in my next 1:1." : "", submittedAt: session.endsAt });
    });
  });
  await Promise.all([
    rhythm.rsvps.createMany(DEMO_COMMUNITY_ID, answers.filter((a): a is Rsvp => "answer" in a)),
    rhythm.checkIns.createMany(DEMO_COMMUNITY_ID, answers.filter((a): a is CheckIn => "win" in a)),
    rhythm.feedback.createMany(DEMO_COMMUNITY_ID, answers.filter((a): a is Feedback => "usefulness" in a)),
  ]);

  const lastSession = sessions.at(-1);
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const created = new Date(now.getTime() - 7 * DAY).toISOString();
  const followUps: FollowUp[] = [
    { title: "Share the one-to-one agenda template with the group", ownerId: "aad-user-priya", dueOn: day(2), status: "open" as const },
    { title: "Try the two-minute feedback routine with the night shift", ownerId: "aad-user-diego", dueOn: day(-3), status: "open" as const },
    { title: "Write up the on-call rules case for the library", ownerId: "aad-user-sam", dueOn: day(-5), status: "done" as const, doneAt: new Date(now.getTime() - 6 * DAY).toISOString() },
    { title: "Invite someone from Finance to present on budgeting for team events", ownerId: "aad-user-jonas", dueOn: day(9), status: "open" as const },
  ].map((f, i) => ({ ...base, id: `fup-demo-${i + 1}`, sessionId: lastSession?.id, createdBy: "aad-user-amara", createdAt: created, updatedAt: created, ...f }));
  await rhythm.followUps.createMany(DEMO_COMMUNITY_ID, followUps);
}
