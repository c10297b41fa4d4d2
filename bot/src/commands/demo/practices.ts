import { DEFAULT_EVIDENCE_RULES, PRACTICE_STAGES, type Pilot, type PilotOutcome, type Practice, type PracticeMove, type Prompt, type PromptAnswer, type PromptKind, type PromptPosting } from "../../contracts";
import { evidenceOf } from "../../domain/practices";
import { type CommandContext } from "../context";
import { checkBackJob } from "../practices";
import { DEMO_PRACTICES } from "./content";
import { DEMO_COMMUNITY_ID, DEMO_PEOPLE, DEMO_TENANT_ID } from "./people";

const DAY = 24 * 60 * 60 * 1000;
const base = { communityId: DEMO_COMMUNITY_ID, tenantId: DEMO_TENANT_ID };
const user = (name: string) => `aad-user-${name}`;

/** Who piloted which demo practice and how it went (weeks: how long before they reported). */
interface DemoPilot {
  who: string;
  outcome?: PilotOutcome;
  stillUsing?: boolean;
  weeks?: number;
  changed?: string;
  signal?: string;
}

const PILOTS: Record<number, DemoPilot[]> = {
  1: [
    { who: "diego", outcome: "worked", stillUsing: true, weeks: 8, changed: "The quieter shift leads now propose fixes before I say anything.", signal: "Three ideas from the night shift in one month." },
    { who: "sam", outcome: "worked", stillUsing: true, weeks: 7, changed: "Planning meetings run shorter because people argue with each other, not with me.", signal: "Juniors speak first in retros." },
    { who: "fatima", outcome: "worked", stillUsing: true, weeks: 6, changed: "I hear objections I used to miss.", signal: "Fewer side conversations after meetings." },
    { who: "lucas", outcome: "worked", stillUsing: true, weeks: 6, changed: "Route planning picks up local knowledge from drivers.", signal: "Two route changes came from the team." },
  ],
  2: [
    { who: "priya", outcome: "worked", stillUsing: true, weeks: 5, changed: "Small course corrections instead of big review surprises.", signal: "No 'why didn't you tell me earlier' in 1:1s." },
    { who: "mei", outcome: "worked", stillUsing: true, weeks: 3, changed: "Month-end feedback happens on the day, not in the next review.", signal: "Fewer rework requests." },
    { who: "olivia" },
  ],
  3: [
    { who: "diego", outcome: "worked", stillUsing: true, weeks: 4, changed: "People report near misses now.", signal: "Near-miss reports doubled." },
    { who: "aiko", outcome: "worked", stillUsing: false, weeks: 3, changed: "Reviews found two process gaps nobody had owned.", signal: "The same bug class stopped recurring." },
    { who: "noah" },
  ],
  4: [
    { who: "jonas", outcome: "worked", stillUsing: true, weeks: 3, changed: "Nobody relitigates decisions in the next sprint.", signal: "Links to the log in team chat." },
    { who: "lucas", outcome: "worked", stillUsing: true, weeks: 2, changed: "New joiners catch up on why things are the way they are.", signal: "Fewer 'why do we do it like this' questions." },
  ],
  5: [
    { who: "priya", outcome: "worked", stillUsing: true, weeks: 3, changed: "My reports bring the hard topics first.", signal: "1:1s started on time with an agenda." },
    { who: "sam" },
  ],
  6: [{ who: "olivia" }],
};

const REASONS: Record<string, string> = {
  piloting: "Volunteers signed up to try it in their teams.",
  adopted: "The first pilots reported that it worked.",
  habit: "Enough managers have kept it up for weeks.",
};

const PROMPTS: { kind: PromptKind; text: string; value: string }[] = [
  { kind: "weekly-question", text: "What is one thing your team did this week that you want to thank them for, and did you?", value: "Respect" },
  { kind: "reflective", text: "Think of a conversation this week that didn't go as planned. What happened, what did you intend, and what did you learn?", value: "Responsibility" },
  { kind: "discussion", text: "When did someone on your team last change your mind? What made it possible?", value: "Curiosity" },
  { kind: "discussion", text: "Who on your team might feel on the edge of things right now, and what small step would bring them in?", value: "Belonging" },
  { kind: "weekly-question", text: "Which question did you ask this week that opened up a conversation?", value: "Curiosity" },
  { kind: "reflective", text: "Pick a decision you made alone this week. What happened, what did you intend, and what would you do differently?", value: "Responsibility" },
  { kind: "discussion", text: "How do you disagree with a peer in front of your team without losing their trust?", value: "Respect" },
  { kind: "weekly-question", text: "What did a newcomer on your team teach you this month?", value: "Belonging" },
];

/**
 * The progress map's history: pilots (reported and under way) for every demo practice,
 * the moves that brought each to its stage, the prompt bank, and two past postings with
 * answers (one shared without a name). Check-backs of the pilots under way are queued.
 */
export async function seedDemoPractices(ctx: CommandContext): Promise<void> {
  const { repos, clock } = ctx;
  const now = clock.now().getTime();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const day = (daysAgo: number) => at(daysAgo).slice(0, 10);
  const zones = new Map(DEMO_PEOPLE.map((p) => [p.userId, p.timeZone]));

  const pilots: Pilot[] = [];
  const practices: Practice[] = DEMO_PRACTICES.map((p, i) => {
    const n = i + 1;
    const id = `prc-demo-${n}`;
    const mine = (PILOTS[n] ?? []).map((d, j): Pilot => {
      const weeks = d.weeks ?? 2;
      const started = 20 + weeks * 7 + j * 3;
      const reported = started - weeks * 7;
      return {
        ...base,
        id: `plt-demo-${n}-${j + 1}`,
        practiceId: id,
        userId: user(d.who),
        commitment: "Try it in every team meeting for a month.",
        startOn: day(started),
        checkBackOn: d.outcome ? day(reported) : day(-7 - j * 2),
        status: d.outcome ? "reported" : "active",
        ...(d.outcome ? { report: { outcome: d.outcome, whatChanged: d.changed ?? "", signal: d.signal ?? "", stillUsing: d.stillUsing ?? false, reportedAt: at(reported), weeksUsed: weeks } } : {}),
        createdAt: at(started + 1),
        updatedAt: at(d.outcome ? reported : started + 1),
      };
    });
    pilots.push(...mine);
    const stageIndex = PRACTICE_STAGES.indexOf(p.stage);
    const created = 100 - i * 7;
    const moves: PracticeMove[] = PRACTICE_STAGES.slice(1, stageIndex + 1).map((to, k) => ({
      id: `mov-demo-${n}-${k + 1}`,
      from: PRACTICE_STAGES[k]!,
      to,
      byUserId: k % 2 === 0 ? user("jonas") : user("amara"),
      at: at(Math.max(1, created - 20 - k * 20)),
      reason: REASONS[to]!,
      evidence: evidenceOf(mine, DEFAULT_EVIDENCE_RULES),
    }));
    return {
      ...base,
      id,
      name: p.name,
      description: p.description,
      priority: p.priority,
      stage: p.stage,
      createdBy: user("jonas"),
      ...(moves.length ? { stageChangedAt: moves.at(-1)!.at } : {}),
      moves,
      createdAt: at(created),
      updatedAt: moves.at(-1)?.at ?? at(created),
    };
  });

  const prompts: Prompt[] = PROMPTS.map((p, i) => ({
    ...base,
    id: `prm-demo-${i + 1}`,
    ...p,
    active: true,
    timesPosted: i < 2 ? 1 : 0,
    ...(i < 2 ? { lastPostedAt: at(14 - i * 7) } : {}),
    createdBy: user("jonas"),
    createdAt: at(60),
    updatedAt: at(60),
  }));
  const postings: PromptPosting[] = prompts.slice(0, 2).map((p, i) => ({ ...base, id: `pst-demo-${i + 1}`, promptId: p.id, kind: p.kind, text: p.text, value: p.value, postedAt: p.lastPostedAt!, postedBy: null }));
  const answer = (n: number, posting: PromptPosting, who: string, daysAgo: number, fields: Partial<PromptAnswer>, anonymous = false): PromptAnswer => ({
    ...base,
    id: `ans-demo-${n}`,
    postingId: posting.id,
    promptId: posting.promptId,
    userId: user(who),
    anonymous,
    answer: "",
    happened: "",
    intended: "",
    learned: "",
    ...fields,
    createdAt: at(daysAgo),
    updatedAt: at(daysAgo),
  });
  const [first, second] = postings as [PromptPosting, PromptPosting];
  const answers: PromptAnswer[] = [
    answer(1, first, "diego", 13.8, { answer: "The night shift covered two absences without being asked. I thanked them in the handover log, and in person on Thursday." }),
    answer(2, first, "fatima", 13.5, { answer: "My team rewrote the onboarding checklist on their own initiative. I haven't thanked them yet; doing it tomorrow." }),
    answer(3, first, "noah", 13.2, { answer: "Someone flagged a forecasting error before it reached the board. I thanked them, but only in private; I want to do it in the team meeting too." }, true),
    answer(4, second, "priya", 6.7, {
      happened: "I told a senior engineer their estimate was too optimistic in front of the client.",
      intended: "I wanted to protect the team from an impossible deadline.",
      learned: "Raise it with the person first. The client can hear a joint view afterwards.",
    }),
    answer(5, second, "sam", 6.2, { happened: "A 1:1 turned into a status update again.", intended: "I meant to ask how they were doing with the reorg.", learned: "Put the personal question first and leave status to the board." }),
  ];

  await Promise.all([
    ...practices.map((p) => repos.practices.practices.upsert(p)),
    ...pilots.map((p) => repos.practices.pilots.upsert(p)),
    ...prompts.map((p) => repos.practices.prompts.upsert(p)),
    ...postings.map((p) => repos.practices.postings.upsert(p)),
  ]);
  for (const a of answers) {
    if (!(await repos.practices.answerOf(a.communityId, a.postingId, a.userId))) await repos.practices.createAnswer(a);
  }
  const now_ = clock.now();
  await repos.jobs.enqueueMany(pilots.filter((p) => p.status === "active").map((p) => checkBackJob(p, zones.get(p.userId) ?? "Europe/London", now_)));
}
