/**
 * The rhythm's cards are data: each builder's output is pinned by a snapshot, and the
 * rules that matter to people are checked directly (whose answers a card may show, when
 * averages appear, times in the reader's zone or on their device, Teams' limits).
 */
import { type CheckInCardState, type Notice, Notice as NoticeSchema, type SessionBrief } from "../../bot/src/contracts";
import {
  type AdaptiveCard,
  agendaCard,
  checkInCard,
  checkInCountLine,
  checkInInviteCard,
  checkInSummaryCard,
  feedbackCard,
  feedbackThanksCard,
  followUpDoneCard,
  followUpNudgeCard,
  handoverCard,
  helpCard,
  nextSessionCard,
  noSessionCard,
  reminderCard,
  renderNotice,
  skipConfirmCard,
  skippedCard,
  swapAnsweredCard,
  swapAskedCard,
  swapDecidedCard,
  swapPickerCard,
  swapRequestCard,
  tasksCard,
  type FollowUpItem,
} from "../../bot/src/teams/cards";
import { TEXT_COMMANDS } from "../../bot/src/teams/routes";

const TAB = "https://teams.microsoft.com/l/entity/app-id/circles";
const artifact = (communityId: string, artifactId: string) => `https://circles.example/?community=${communityId}&item=${artifactId}`;

const SESSION: SessionBrief = {
  sessionId: "ses-ser-demo-checkin-20261124T0900",
  communityId: "com-demo",
  communityName: "Harbour Managers' Circle",
  title: "Weekly check-in",
  kind: "check-in",
  startsAt: "2026-11-24T09:00:00.000Z",
  endsAt: "2026-11-24T10:00:00.000Z",
  timeZone: "Europe/London",
  joinUrl: "https://teams.microsoft.com/l/meetup-join/demo",
  facilitatorName: "Jonas Weber",
  theme: "Feedback that lands",
  agenda: [
    { title: "Input from the facilitator", minutes: 15 },
    { title: "Discussion", minutes: 30 },
    { title: "Other needs and the next meeting", minutes: 15 },
  ],
  skipped: false,
};

const BERLIN = { zone: "Europe/Berlin" } as const;

function expectTeamsReady(card: AdaptiveCard): void {
  expect(card.type).toBe("AdaptiveCard");
  expect(card.version).toBe("1.5");
  expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28_000);
  expect(card.fallbackText).toBeTruthy();
  // Plain text where the text functions do not run.
  expect(card.fallbackText).not.toContain("{{");
}

const text = (card: AdaptiveCard) => JSON.stringify(card);
const titles = (card: AdaptiveCard) => (card.actions ?? []).map((a) => a.title);

describe("reminderCard", () => {
  it("in a channel: times rendered on each reader's device, RSVP, Check in and Join", () => {
    const card = reminderCard({ session: SESSION, minutesBefore: 15, display: "device" });
    expectTeamsReady(card);
    expect(text(card)).toContain("{{DATE(2026-11-24T09:00:00Z, SHORT)}} at {{TIME(2026-11-24T09:00:00Z)}}");
    expect(text(card)).toContain("Weekly check-in starts in 15 minutes");
    expect(titles(card)).toEqual(["Going", "Can't make it", "Check in", "Join"]);
    expect(card).toMatchSnapshot();
  });

  it("in a personal chat: the reader's zone, and their answer", () => {
    const card = reminderCard({ session: { ...SESSION, joinUrl: undefined }, minutesBefore: 1440, display: BERLIN, myRsvp: "going" });
    expect(text(card)).toContain("Tue 24 Nov, 10:00 CET");
    expect(text(card)).toContain("starts tomorrow");
    expect(text(card)).toContain("You're going");
    expect(titles(card)).toEqual(["Going", "Can't make it", "Check in"]);
    expect(card).toMatchSnapshot();
  });

  it("a skipped session offers nothing to answer", () => {
    const card = reminderCard({ session: { ...SESSION, skipped: true }, minutesBefore: 15, display: "device" });
    expect(text(card)).toContain("is skipped");
    expect(card.actions).toBeUndefined();
  });

  it("keeps names from adding links or emphasis", () => {
    const card = reminderCard({ session: { ...SESSION, facilitatorName: "[Mallory](https://evil.example)", title: "**Loud**" }, minutesBefore: 15, display: "device" });
    expect(text(card)).not.toContain("](https://evil.example)");
    expect(text(card)).not.toContain("**Loud**");
  });
});

describe("next and agenda", () => {
  it("next: when, who, RSVP and the agenda button", () => {
    const card = nextSessionCard({ session: SESSION, display: BERLIN, rsvp: { going: 4, notGoing: 1 } });
    expectTeamsReady(card);
    expect(text(card)).toContain("4 going · 1 can't make it");
    expect(card).toMatchSnapshot();
  });

  it("agenda in a personal chat names the queued cases, with links", () => {
    const card = agendaCard({ session: SESSION, display: BERLIN, queuedCases: [{ id: "art-1", title: "Two leads disagree in public" }], hiddenQueuedCases: 1, artifactLink: (id) => artifact("com-demo", id), links: { tab: TAB } });
    expectTeamsReady(card);
    expect(text(card)).toContain("[Two leads disagree in public](https://circles.example/?community=com-demo&item=art-1)");
    expect(text(card)).toContain("1 more case from a peer circle");
    expect(card).toMatchSnapshot();
  });

  it("agenda where others read along only counts the cases", () => {
    const card = agendaCard({ session: SESSION, display: "device", queuedCaseCount: 2 });
    expect(text(card)).toContain("2 cases are queued");
    expect(text(card)).not.toContain("Two leads");
  });

  it("no session yet", () => {
    const card = noSessionCard("Harbour Managers' Circle", { tab: TAB });
    expectTeamsReady(card);
    expect(card).toMatchSnapshot();
  });
});

describe("check-in cards", () => {
  const state = (over: Partial<CheckInCardState> = {}): CheckInCardState => ({ session: SESSION, count: 4, mine: null, open: true, readerTimeZone: "Europe/Berlin", ...over });
  const MINE = { win: "Ran my first skip-level", challenge: "Two leads at odds", ask: "How do I **mediate**?", energy: 4, practice: "Weekly one-to-ones", private: false };
  const USERS = ["29:amara"];

  it("the count everyone sees", () => {
    expect([0, 1, 5].map(checkInCountLine)).toEqual(["No one has checked in yet.", "1 person has checked in.", "5 people have checked in."]);
  });

  it("the form, with a per-user refresh", () => {
    const card = checkInCard(state(), { display: BERLIN, userIds: USERS });
    expectTeamsReady(card);
    expect(card.refresh).toEqual({ action: { type: "Action.Execute", verb: "checkin.refresh", data: { communityId: "com-demo", sessionId: SESSION.sessionId } }, userIds: USERS });
    expect(text(card)).toContain("4 people have checked in.");
    expect(card).toMatchSnapshot();
  });

  it("checked in: the reader's own answers verbatim, the count, and Edit", () => {
    const card = checkInCard(state({ mine: MINE, count: 5 }), { display: BERLIN, userIds: USERS });
    expectTeamsReady(card);
    expect(text(card)).toContain("You're checked in");
    expect(text(card)).toContain('"text":"How do I **mediate**?"');
    expect(text(card)).toContain("5 people have checked in.");
    expect(titles(card)).toEqual(["Edit my check-in", "Join"]);
    expect(card).toMatchSnapshot();
  });

  it("editing: the form filled with the answers", () => {
    const card = checkInCard(state({ mine: { ...MINE, private: true } }), { display: BERLIN, editing: true });
    expect(text(card)).toContain('"value":"Ran my first skip-level"');
    expect(text(card)).toContain('"id":"private","label":"Privacy","title":"Keep my answers private","value":"true"');
    expect(titles(card)).toEqual(["Save changes", "Keep my answers"]);
    expect(card.refresh?.userIds).toBeUndefined();
  });

  it("closed once the session starts: read-only", () => {
    const card = checkInCard(state({ mine: MINE, open: false }), { display: "device" });
    expectTeamsReady(card);
    expect(text(card)).toContain("Check-ins closed");
    expect(text(card)).not.toContain("Action.Execute\",\"title");
    expect(card).toMatchSnapshot();
  });

  it("the shared card for a channel shows no one's answers", () => {
    const card = checkInInviteCard(state({ mine: MINE }), { display: "device", userIds: USERS });
    expectTeamsReady(card);
    expect(text(card)).not.toContain("skip-level");
    expect(titles(card)).toEqual(["Check in"]);
    expect(card).toMatchSnapshot();
  });

  it("refreshes automatically for at most 60 people", () => {
    const many = Array.from({ length: 75 }, (_, i) => `29:user-${i}`);
    expect(checkInInviteCard(state(), { display: "device", userIds: many }).refresh?.userIds).toHaveLength(60);
  });
});

describe("checkInSummaryCard", () => {
  const entries = [
    { displayName: "Priya Raman", win: "Shipped the rota", challenge: "", ask: "Ideas for a quiet team?", energy: 3, practice: "Silent start" },
    { displayName: "Diego Alvarez", win: "", challenge: "Night shift morale", ask: "", practice: "" },
  ];

  it("for the facilitator: entries, private ones only counted, no average under five", () => {
    const card = checkInSummaryCard({ session: SESSION, count: 3, privateCount: 1, energyAverage: null, entries, tab: TAB });
    expectTeamsReady(card);
    expect(text(card)).toContain("3 people have checked in. 1 kept their answers private, so they're only counted.");
    expect(text(card)).toContain("Average energy shows from 5 check-ins.");
    expect(card).toMatchSnapshot();
  });

  it("shows the average once there is one, and caps long lists", () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ...entries[0]!, displayName: `Member ${i}`, win: "w".repeat(500) }));
    const card = checkInSummaryCard({ session: SESSION, count: 20, privateCount: 0, energyAverage: 3.456, entries: many });
    expectTeamsReady(card);
    expect(text(card)).toContain("Average energy: 3.5 of 5");
    expect(text(card)).toContain("And 8 more check-ins in the Sessions tab.");
  });
});

describe("hand-over, feedback, follow-ups", () => {
  it("hand-over: the prep kit with library links and open follow-ups", () => {
    const card = handoverCard({
      session: SESSION,
      display: BERLIN,
      queuedCases: [{ id: "art-1", title: "Two leads disagree in public" }],
      openFollowUps: [{ title: "Try a silent start", ownerName: "Priya Raman", dueOn: "2026-11-27" }],
      links: { tab: TAB, artifact },
    });
    expectTeamsReady(card);
    expect(text(card)).toContain("(https://circles.example/?community=com-demo&item=art-1)");
    expect(text(card)).toContain("Try a silent start (due Fri, 27 Nov 2026)");
    expect(card).toMatchSnapshot();
  });

  it("feedback: how useful, one thing to try", () => {
    const card = feedbackCard({ session: SESSION });
    expectTeamsReady(card);
    expect(card).toMatchSnapshot();
    expect(feedbackThanksCard({ session: SESSION, answers: { usefulness: 4, willTry: "A silent start" } })).toMatchSnapshot();
  });

  const ITEM: FollowUpItem = { followUpId: "fu-1", communityId: "com-demo", title: "Try a silent start", dueOn: "2026-11-27", sessionTitle: "Weekly check-in", overdue: false };

  it("nudge before the due date and when overdue, with Mark done", () => {
    const before = followUpNudgeCard(ITEM, { links: { tab: TAB } });
    expectTeamsReady(before);
    expect(before.actions?.[0]).toEqual({ type: "Action.Execute", title: "Mark done", verb: "followup.done", data: { communityId: "com-demo", followUpId: "fu-1", view: "nudge" }, style: "positive" });
    expect(before).toMatchSnapshot();
    const overdue = followUpNudgeCard({ ...ITEM, overdue: true });
    expect(text(overdue)).toContain("This follow-up is overdue");
    expect(overdue).toMatchSnapshot();
    expect(followUpDoneCard(ITEM)).toMatchSnapshot();
  });

  it("tasks: at most ten, each with Mark done, then the Sessions tab", () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ ...ITEM, followUpId: `fu-${i}`, title: `Task ${i}`, dueOn: `2026-12-${String(10 + i).padStart(2, "0")}` }));
    const card = tasksCard({ items, communityName: "Harbour Managers' Circle", links: { tab: TAB } });
    expectTeamsReady(card);
    expect(text(card).match(/"verb":"followup.done"/g)).toHaveLength(10);
    expect(text(card)).toContain("And 2 more: see the Sessions tab.");
    expect(tasksCard({ items: items.slice(0, 2), communityName: "Harbour Managers' Circle" })).toMatchSnapshot();
    expect(text(tasksCard({ items: [] }))).toContain("Nothing open");
  });
});

describe("swap and skip", () => {
  it("picker, asked, request, decided, answered", () => {
    const picker = swapPickerCard({ session: SESSION, display: BERLIN, candidates: [{ userId: "aad-user-mei", displayName: "Mei Lin" }] });
    expectTeamsReady(picker);
    expect(picker).toMatchSnapshot();
    expect(text(swapPickerCard({ session: SESSION, display: BERLIN, candidates: [] }))).toContain("No one else is on the rota");
    expect(swapAskedCard({ session: SESSION, display: BERLIN, toName: "Mei Lin" })).toMatchSnapshot();
    const request = swapRequestCard({ swapId: "swp-1", session: SESSION, fromName: "Jonas Weber", display: { zone: "Asia/Singapore" } });
    expectTeamsReady(request);
    expect(titles(request)).toEqual(["Accept", "Decline"]);
    expect(request).toMatchSnapshot();
    expect(swapDecidedCard({ session: SESSION, byName: "Mei Lin", accepted: true, display: BERLIN })).toMatchSnapshot();
    expect(swapDecidedCard({ session: SESSION, byName: "Mei Lin", accepted: false, display: BERLIN })).toMatchSnapshot();
    const answered = swapAnsweredCard({ decision: "accept", session: SESSION, display: "device" });
    expectTeamsReady(answered);
    expect(answered).toMatchSnapshot();
  });

  it("skip: confirm, then skipped", () => {
    const confirm = skipConfirmCard({ session: SESSION, display: BERLIN });
    expectTeamsReady(confirm);
    expect(confirm.actions).toEqual([{ type: "Action.Execute", title: "Skip this session", verb: "session.skip", data: { communityId: "com-demo", sessionId: SESSION.sessionId }, style: "destructive" }]);
    expect(confirm).toMatchSnapshot();
    expect(skippedCard({ session: SESSION, display: BERLIN, links: { tab: TAB } })).toMatchSnapshot();
  });
});

describe("helpCard", () => {
  it("lists every text command with what it does", () => {
    const card = helpCard({ commands: Object.keys(TEXT_COMMANDS), links: { tab: TAB } });
    const listed = (card.body[card.body.length - 2] as { facts: { title: string; value: string }[] }).facts;
    expect(listed.map((f) => f.title)).toEqual(["next", "agenda", "checkin", "tasks", "skip", "swap", "help"]);
    expect(listed.every((f) => f.value.length > 0)).toBe(true);
  });
});

describe("renderNotice", () => {
  const NOTICES: Notice[] = [
    { kind: "session.reminder", session: SESSION, minutesBefore: 15, readerTimeZone: null, myRsvp: null },
    { kind: "session.reminder", session: SESSION, minutesBefore: 1440, readerTimeZone: "Asia/Kolkata", myRsvp: "not-going" },
    { kind: "session.handover", session: SESSION, readerTimeZone: "Europe/Berlin", queuedCases: [{ id: "art-1", title: "Two leads disagree" }], openFollowUps: [] },
    { kind: "checkin.summary", session: SESSION, count: 6, privateCount: 2, energyAverage: 3.8, entries: [{ displayName: "Priya Raman", win: "A win", challenge: "", ask: "", practice: "" }] },
    { kind: "session.feedback", session: SESSION },
    { kind: "followup.nudge", followUpId: "fu-1", communityId: "com-demo", title: "Try a silent start", dueOn: "2026-11-27", sessionTitle: null, overdue: true },
    { kind: "swap.request", swapId: "swp-1", session: SESSION, fromName: "Jonas Weber", readerTimeZone: "Asia/Singapore" },
    { kind: "swap.decided", swapId: "swp-1", session: SESSION, byName: "Mei Lin", accepted: false, readerTimeZone: "Europe/Berlin" },
    { kind: "review.nudge", artifactId: "art-1", communityId: "com-demo", communityName: "Harbour Managers' Circle", title: "The two-minute feedback routine", reviewBy: "2026-11-17", link: "https://example.test/item" },
    {
      kind: "buddy.intro",
      roundId: "rnd-1",
      groupId: "grp-1",
      communityId: "com-demo",
      communityName: "Harbour Managers' Circle",
      buddies: [{ userId: "aad-user-jonas", displayName: "Jonas Weber", department: "Engineering", title: "Engineering Manager, Payments" }],
      reasons: ["different departments", "never paired before"],
      sprint: { startsOn: "2026-11-23", midOn: "2026-11-30", endsOn: "2026-12-06" },
      steps: ["observe", "give feedback", "try one adjustment"],
      chatLink: "https://teams.microsoft.com/l/chat/0/0?users=jonas%40contoso.com",
    },
    {
      kind: "buddy.checkin",
      roundId: "rnd-1",
      groupId: "grp-1",
      communityId: "com-demo",
      communityName: "Harbour Managers' Circle",
      stage: "closing",
      buddyNames: ["Mei Lin", "Sam Whitaker"],
      sprint: { startsOn: "2026-11-23", midOn: "2026-11-30", endsOn: "2026-12-06" },
      steps: ["observe", "give feedback", "try one adjustment"],
      practices: [{ id: "prc-1", name: "Weekly one-to-ones" }],
    },
    {
      kind: "prompt.posted",
      postingId: "pst-1",
      communityId: "com-demo",
      communityName: "Harbour Managers' Circle",
      promptKind: "reflective",
      text: "Think of a decision you made this week that affected your whole team.",
      value: "Responsibility",
      postedAt: "2026-11-20T09:00:00.000Z",
    },
    {
      kind: "pilot.checkback",
      pilotId: "plt-1",
      communityId: "com-demo",
      communityName: "Harbour Managers' Circle",
      practiceId: "prc-demo-2",
      practiceName: "Two-minute feedback within a day",
      commitment: "Once a week",
      startOn: "2026-10-26",
      checkBackOn: "2026-11-23",
    },
    {
      kind: "practice.habit",
      communityId: "com-demo",
      communityName: "Harbour Managers' Circle",
      practiceId: "prc-demo-1",
      practiceName: "Speak last in team discussions",
      description: "",
      priorityLabel: "Psychological safety",
      thanks: ["Diego Alvarez"],
      evidenceLine: "4 managers have used it for 4 weeks or more",
      link: null,
    },
    {
      kind: "insights.digest",
      communityId: "com-demo",
      communityName: "Harbour Managers' Circle",
      month: "2026-11",
      numbers: { activeMembers: { value: 9, suppressed: false }, sessionsHeld: 5, checkInRate: { value: 0.55, suppressed: false }, artifactsAdded: { value: null, suppressed: true }, pilotReporters: { value: null, suppressed: true } },
      stories: [{ kind: "case", id: "art-demo-02", title: "A senior engineer goes quiet in planning", text: "A strong contributor stopped speaking up.", authorName: "Jonas Weber", at: "2026-11-12T09:00:00.000Z", link: null }],
      minimumGroup: 5,
      link: null,
    },
    {
      kind: "onboarding.welcome",
      communityId: "com-demo",
      communityName: "Harbour Managers' Circle",
      memberName: "Olivia Novak",
      purpose: "Help every manager here lead a little better each month.",
      norms: ["Bring a real situation, not a polished story."],
      charterVersion: 2,
      cadence: "A 30-minute check-in every Tuesday.",
      series: [{ title: "Weekly check-in", when: "Every week on Tuesday at 09:00 (Europe/London), 30 minutes" }],
      starters: [{ id: "art-demo-01", title: "The two-minute feedback routine", type: "playbook", link: null }],
      contacts: [{ displayName: "Amara Okafor", role: "lead", department: "Operations" }],
    },
  ];

  it("covers every notice kind", () => {
    const kinds = NoticeSchema.options.map((o) => o.shape.kind.value);
    expect(new Set(NOTICES.map((n) => n.kind))).toEqual(new Set(kinds));
  });

  it.each(NOTICES.map((n, i) => [`${n.kind} #${i}`, n] as const))("%s renders a Teams-ready card, also after a JSON round trip", (_name, notice) => {
    const stored = JSON.parse(JSON.stringify(notice)) as unknown;
    const card = renderNotice(stored, { tab: TAB, artifact });
    expect(card).not.toBeNull();
    expectTeamsReady(card!);
    expect(card).toEqual(renderNotice(notice, { tab: TAB, artifact }));
  });

  it("a personal reminder is in the reader's zone, a channel one on each device", () => {
    expect(text(renderNotice(NOTICES[1])!)).toContain("Tue 24 Nov, 14:30");
    expect(text(renderNotice(NOTICES[0])!)).toContain("{{TIME(2026-11-24T09:00:00Z)}}");
  });

  it("an unknown zone falls back to each device's time instead of failing", () => {
    const card = renderNotice({ ...NOTICES[1]!, readerTimeZone: "Mars/Olympus" });
    expect(text(card!)).toContain("{{DATE(");
  });

  it.each([
    ["nothing", null],
    ["an unknown kind", { kind: "session.party", session: SESSION }],
    ["a reminder without its session", { kind: "session.reminder", minutesBefore: 15, readerTimeZone: null }],
    ["a string", "session.reminder"],
  ])("gives null for %s", (_name, stored) => {
    expect(renderNotice(stored)).toBeNull();
  });
});
