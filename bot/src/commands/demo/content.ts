import { type ArtifactType, type PracticeStage } from "../../contracts";

export const DEMO_COMMUNITY = {
  name: "Harbour Managers' Circle",
  purpose:
    "A place where people managers from every part of the company compare notes on leading people, bring real situations to peers, and turn what works into habits their teams can feel.",
  timeZone: "Europe/London",
  culturalPriorities: [
    { id: "psychological-safety", label: "Psychological safety" },
    { id: "inclusive-decisions", label: "Inclusive decisions" },
    { id: "accountability", label: "Accountability" },
    { id: "feedback", label: "Feedback" },
  ],
  values: ["Respect", "Curiosity", "Responsibility", "Belonging"],
  charter: {
    purpose: "Help every manager here lead a little better each month by learning from each other's real work.",
    goals: [
      "Every member tries at least one new leadership practice per quarter and tells the group how it went.",
      "Keep a library of checklists and cases a new manager can use in their first week.",
      "Show our sponsors which practices became habits and what changed for teams.",
    ],
    norms: [
      "What is said about a person stays in the room; what is learned may leave it.",
      "Bring a real situation, not a polished story.",
      "Ask before advising; offer options, not verdicts.",
      "Cameras optional, curiosity required.",
    ],
    decisionRights: [
      "Leads set the yearly themes with input from everyone.",
      "The facilitator of the month owns the agenda.",
      "A practice moves to 'habit' only with the evidence the community agreed on.",
    ],
    cadence: "A 30-minute check-in every Tuesday and a one-hour deep dive on the first Thursday of each month.",
  },
};

export interface DemoArtifact {
  type: ArtifactType;
  title: string;
  summary: string;
  body: string;
  priorities: string[];
  topics: string[];
  author: string;
  daysAgo: number;
  anonymous?: boolean;
  /** Confidential to one peer circle. */
  circleId?: string;
  /** Review-by date, in days from the seed (negative = overdue). */
  reviewInDays?: number;
}

export const DEMO_ARTIFACTS: DemoArtifact[] = [
  {
    type: "checklist",
    title: "First week with a new direct report",
    summary: "Ten small things that make a new starter feel expected rather than processed.",
    body: "- [ ] Block 30 minutes on day one, before any system training\n- [ ] Share how you like to work and ask how they do\n- [ ] Name one person outside the team they should meet\n- [ ] Agree how they will tell you when they are stuck\n- [ ] Give them one small, real piece of work by day three\n- [ ] Explain what good looks like in their first month\n- [ ] Introduce them in the team channel with something human\n- [ ] Ask what surprised them at the end of the week\n- [ ] Write down the first three things you will follow up\n- [ ] Book the next 1:1 before this one ends",
    priorities: ["psychological-safety"],
    topics: ["onboarding", "1:1s"],
    author: "aad-user-fatima",
    daysAgo: 3,
  },
  {
    type: "case-summary",
    title: "A senior engineer goes quiet in planning",
    summary: "A strong contributor stopped speaking up after a public disagreement was brushed aside.",
    body: "**Situation.** After a design review where their concern was dismissed quickly, a senior engineer now says little in planning.\n\n**Question for the group.** How do I reopen the door without making it a big deal?\n\n**What was tried.** A general 'anyone else?' at the end of meetings. Nothing changed.\n\n**What the group surfaced.** Name the earlier moment privately and own your part; ask for their view before the meeting; give the dissent a named slot on the agenda.\n\n**What success looks like.** They raise a concern unprompted within a month.",
    priorities: ["psychological-safety"],
    topics: ["meetings", "dissent"],
    author: "aad-user-jonas",
    daysAgo: 6,
  },
  {
    type: "decision-log",
    title: "Moving team stand-ups to three days a week",
    summary: "Why the mobile team cut daily stand-ups and what would make us switch back.",
    body: "**Decision.** Stand-ups on Monday, Wednesday and Friday.\n\n**Context.** The team is split across three time zones and daily calls landed late for some.\n\n**Options.** Keep daily; go async-only; three days a week plus an async thread.\n\n**Rationale.** Keeps the human contact, gives back two early evenings.\n\n**Owner.** Sam Whitaker. **Review.** After six weeks.",
    priorities: ["inclusive-decisions"],
    topics: ["remote work", "rituals"],
    author: "aad-user-sam",
    daysAgo: 12,
  },
  {
    type: "playbook",
    title: "The two-minute feedback routine",
    summary: "A short, repeatable way to give feedback within a day of the moment.",
    body: "1. Ask: 'Can I share something I noticed?'\n2. Describe what you saw, in one sentence, without adjectives.\n3. Say the effect it had.\n4. Ask what they think was going on.\n5. Agree one thing to try next time.\n6. Thank them and move on; do not stack topics.",
    priorities: ["feedback"],
    topics: ["feedback", "habits"],
    author: "aad-user-mei",
    daysAgo: 20,
    reviewInDays: -3,
  },
  {
    type: "one-page-summary",
    title: "What we learned about running skip-level conversations",
    summary: "Notes from the October deep dive on skip-levels that people actually find useful.",
    body: "Skip-levels work when they have a clear purpose, happen on a rhythm, and close the loop. Tell your direct managers what you will ask and what you will share back. Ask about obstacles, not about people. Send a short summary of themes to everyone within a week.",
    priorities: ["psychological-safety", "accountability"],
    topics: ["skip-levels"],
    author: "aad-user-amara",
    daysAgo: 30,
  },
  {
    type: "template",
    title: "1:1 agenda that the report owns",
    summary: "A shared doc outline that puts the direct report's topics first.",
    body: "## Their topics first\n- \n\n## Wins since last time\n- \n\n## Where I can help\n- \n\n## Growth: one thing to practise\n- \n\n## Agreed follow-ups (owner, date)\n- ",
    priorities: ["accountability"],
    topics: ["1:1s", "templates"],
    author: "aad-user-noah",
    daysAgo: 9,
  },
  {
    type: "reflection",
    title: "What I intended versus what happened in my first retro",
    summary: "I wanted openness and got silence; here is what I changed the second time.",
    body: "**What happened.** I opened the retro with 'what went badly?' and nobody spoke.\n\n**What I intended.** An honest look at a rough sprint.\n\n**What I learned.** Start with what went well, use silent writing for five minutes, and share my own mistake first.",
    priorities: ["psychological-safety"],
    topics: ["retrospectives"],
    author: "aad-user-aiko",
    daysAgo: 15,
  },
  {
    type: "case-summary",
    title: "Two shift leads who will not hand over to each other",
    summary: "Handover between morning and evening shifts keeps breaking down between two leads.",
    body: "**Situation.** Orders get stuck at the shift change; each lead blames the other's notes.\n\n**Question for the group.** How do I fix the handover without refereeing a feud?\n\n**What was tried.** A shared spreadsheet. It was filled in for a week.\n\n**What the group surfaced.** A ten-minute overlap, a three-line handover both co-design, and a joint metric they both own.\n\n**Signal of success.** Stuck orders at shift change halve within a month.",
    priorities: ["accountability"],
    topics: ["handover", "conflict"],
    author: "aad-user-diego",
    daysAgo: 5,
    anonymous: true,
    circleId: "circle-harbour",
  },
  {
    type: "case-summary",
    title: "Restructuring rumours before anything is decided",
    summary: "Leadership is weighing a merger of two teams; my people have heard rumours and I cannot say much yet.",
    body: "**Situation.** Two teams may be merged next quarter. Nothing is decided, but people are anxious and asking me directly.\n\n**Question for the group.** How honest can I be while the decision is confidential?\n\n**What the group surfaced.** Say what you know, what you do not, and when you will know more; name the worry in the room; offer one-to-ones.\n\n**Signal of success.** Fewer corridor rumours and people bringing questions to me first.",
    priorities: ["psychological-safety"],
    topics: ["change", "trust"],
    author: "aad-user-fatima",
    daysAgo: 1,
    circleId: "circle-lighthouse",
  },
  {
    type: "checklist",
    title: "Before you announce a decision that affects the team",
    summary: "Questions to run through so a decision lands as fair even when people disagree.",
    body: "- [ ] Who is affected, and did they have a way to give input?\n- [ ] Can I say which options we considered?\n- [ ] Can I explain the why in two sentences?\n- [ ] What will change for each person on Monday?\n- [ ] When will we review it, and how can people raise issues?",
    priorities: ["inclusive-decisions"],
    topics: ["decisions", "change"],
    author: "aad-user-olivia",
    daysAgo: 18,
  },
  {
    type: "playbook",
    title: "Running a blameless incident review",
    summary: "Steps for a review that finds causes in the system rather than culprits.",
    body: "1. Agree the timeline first, facts only.\n2. Ask 'what made this the sensible thing to do at the time?'\n3. List contributing factors, not a root cause.\n4. Pick at most three actions, each with an owner.\n5. Share the write-up widely, thanking people by name for candour.",
    priorities: ["psychological-safety", "accountability"],
    topics: ["incidents"],
    author: "aad-user-jonas",
    daysAgo: 40,
  },
  {
    type: "template",
    title: "Case write-up for the case clinic",
    summary: "The outline members use to bring a situation to the monthly case clinic.",
    body: "**Situation** (three or four sentences, no names needed)\n\n**My question for the group**\n\n**What I have tried so far**\n\n**What success would look like, and which signal would show it**",
    priorities: ["feedback"],
    topics: ["case clinic", "templates"],
    author: "aad-user-amara",
    daysAgo: 60,
    reviewInDays: 14,
  },
  {
    type: "one-page-summary",
    title: "Recognition that people remember",
    summary: "From our September session: specific, timely and connected to a value beats generic praise.",
    body: "Name the behaviour, link it to what it made possible, and say it soon. Public or private depends on the person, so ask. Recognise effort on hard problems, not only outcomes.",
    priorities: ["feedback"],
    topics: ["recognition"],
    author: "aad-user-lucas",
    daysAgo: 45,
  },
  {
    type: "decision-log",
    title: "Rotating who chairs the weekly team meeting",
    summary: "Why finance rotates its meeting chair each month.",
    body: "**Decision.** Each team member chairs the weekly meeting for a month.\n\n**Context.** The same voices dominated, and junior analysts rarely set the agenda.\n\n**Options.** Manager chairs; rotate monthly; rotate weekly.\n\n**Rationale.** A month is long enough to find a style.\n\n**Owner.** Mei Lin.",
    priorities: ["inclusive-decisions"],
    topics: ["meetings", "rituals"],
    author: "aad-user-mei",
    daysAgo: 25,
  },
  {
    type: "reflection",
    title: "Saying 'I don't know yet' in front of my team",
    summary: "Admitting uncertainty during the reorganisation built more trust than a confident guess.",
    body: "**What happened.** The team asked whether roles would change and I had no answer.\n\n**What I intended.** To reassure them.\n\n**What I learned.** 'I don't know yet, here is when I will know, and here is what I will do meanwhile' calmed the room more than any guess could.",
    priorities: ["psychological-safety"],
    topics: ["change", "trust"],
    author: "aad-user-priya",
    daysAgo: 8,
  },
  {
    type: "checklist",
    title: "Running an inclusive meeting across time zones",
    summary: "Small habits that stop the same people always taking the late call.",
    body: "- [ ] Rotate the meeting time each quarter\n- [ ] Send the agenda a day ahead\n- [ ] Collect input in writing from people who cannot attend\n- [ ] Start with whoever is at the edge of their day\n- [ ] Record decisions, not the whole discussion",
    priorities: ["inclusive-decisions"],
    topics: ["remote work", "meetings"],
    author: "aad-user-sam",
    daysAgo: 2,
  },
  {
    type: "playbook",
    title: "Turning a missed commitment into a learning conversation",
    summary: "How to hold someone to account without turning it into a reprimand.",
    body: "1. Restate the commitment and the date together.\n2. Ask what got in the way, and listen to the end.\n3. Separate what was in their control from what was not.\n4. Agree a new date and the first step.\n5. Check in halfway instead of at the deadline.",
    priorities: ["accountability", "feedback"],
    topics: ["commitments"],
    author: "aad-user-noah",
    daysAgo: 33,
  },
  {
    type: "case-summary",
    title: "A top performer asks for a promotion that isn't available",
    summary: "There is no open role above them this year; how to keep them growing and honest with them.",
    body: "**Situation.** A high performer asks for a promotion; no role exists this year.\n\n**Question for the group.** What can I honestly offer?\n\n**What the group surfaced.** Name the constraint plainly, co-design a stretch project with visibility, and agree which skills would make them ready when a role opens.\n\n**Signal of success.** They stay engaged and can describe their growth plan in their own words.",
    priorities: ["feedback", "accountability"],
    topics: ["career growth"],
    author: "aad-user-grace",
    daysAgo: 11,
  },
  {
    type: "template",
    title: "Pilot plan for trying a new practice",
    summary: "One page to plan a four-week pilot of a practice with your team.",
    body: "**Practice I will try**\n\n**Start date / check-back date**\n\n**What I expect to change**\n\n**Which signal I will watch**\n\n**Who I will tell that I am trying it**",
    priorities: ["accountability"],
    topics: ["pilots", "templates"],
    author: "aad-user-amara",
    daysAgo: 50,
  },
  {
    type: "one-page-summary",
    title: "Check-ins that aren't status updates",
    summary: "How to open team meetings with a check-in that brings people into the room.",
    body: "Ask one human question ('one word for how you arrive today'), keep it optional, and go first yourself. Keep it under five minutes for a team of eight. Change the question weekly so it stays fresh.",
    priorities: ["psychological-safety"],
    topics: ["meetings", "rituals"],
    author: "aad-user-lucas",
    daysAgo: 14,
  },
  {
    type: "reflection",
    title: "My pair observation with someone from engineering",
    summary: "Watching another department's stand-up showed me how much I talk in mine.",
    body: "**What happened.** I sat in on Aiko's stand-up for our buddy sprint.\n\n**What I learned.** She speaks last. I speak first and most. This week I am trying to ask one question and then wait.",
    priorities: ["feedback", "inclusive-decisions"],
    topics: ["buddy sprint", "listening"],
    author: "aad-user-olivia",
    daysAgo: 4,
  },
  {
    type: "checklist",
    title: "Closing the loop after a team survey",
    summary: "What to do in the two weeks after engagement results arrive.",
    body: "- [ ] Share the results with the team within a week, including the uncomfortable ones\n- [ ] Ask the team to pick one theme\n- [ ] Agree one action each of you owns\n- [ ] Say when you will check progress\n- [ ] Tell them what you will not change and why",
    priorities: ["accountability", "inclusive-decisions"],
    topics: ["surveys"],
    author: "aad-user-diego",
    daysAgo: 27,
  },
  {
    type: "decision-log",
    title: "Agreeing response times for internal requests",
    summary: "Customer Success and Finance agreed how quickly each answers the other's requests.",
    body: "**Decision.** Same-day acknowledgement, three-day answer for non-urgent requests.\n\n**Context.** Requests sat unanswered and goodwill between teams eroded.\n\n**Rationale.** A clear promise both sides can keep.\n\n**Owner.** Priya Raman with Olivia Novak.",
    priorities: ["accountability"],
    topics: ["cross-team"],
    author: "aad-user-priya",
    daysAgo: 22,
  },
];

export interface DemoPractice {
  name: string;
  description: string;
  priority: string;
  stage: PracticeStage;
}

export const DEMO_PRACTICES: DemoPractice[] = [
  { name: "Speak last in team discussions", description: "The manager holds their view until everyone else has spoken.", priority: "inclusive-decisions", stage: "habit" },
  { name: "Two-minute feedback within a day", description: "Feedback given within 24 hours using the short routine from the library.", priority: "feedback", stage: "adopted" },
  { name: "Blameless incident reviews", description: "Reviews look for contributing factors in the system, never a culprit.", priority: "psychological-safety", stage: "adopted" },
  { name: "Written decision logs for team-wide changes", description: "Every decision that changes how the team works gets a short log entry.", priority: "inclusive-decisions", stage: "piloting" },
  { name: "Report-owned 1:1 agendas", description: "The direct report sets the first half of every 1:1.", priority: "accountability", stage: "piloting" },
  { name: "Monthly 'what I got wrong' share", description: "Managers share one mistake and what they learned at a team meeting each month.", priority: "psychological-safety", stage: "concept" },
];
