/**
 * The buddy cards are data: the introduction (pair and trio) and the mid-sprint and
 * closing check-ins are pinned by snapshots, and what matters to people is checked
 * directly (who the buddy is, the chat button, the practice choice only at the end).
 */
import { type Notice, Notice as NoticeSchema } from "../../bot/src/contracts";
import { BuddyReflectData } from "../../bot/src/contracts/cardActions";
import {
  buddyCheckInCard,
  type BuddyCheckInNotice,
  buddyIntroCard,
  type BuddyIntroNotice,
  buddyReflectionThanksCard,
  renderNotice,
} from "../../bot/src/teams/cards";
import { expectTeamsReady, input, text } from "./cardChecks";

const TAB = "https://teams.microsoft.com/l/entity/app-id/circles";
const CHAT = "https://teams.microsoft.com/l/chat/0/0?users=jonas%40contoso.com&topicName=Buddy%20sprint";
const SPRINT = { startsOn: "2026-11-23", midOn: "2026-11-30", endsOn: "2026-12-06" };
const STEPS = ["observe", "give feedback", "try one adjustment"];

export const INTRO_PAIR: BuddyIntroNotice = {
  kind: "buddy.intro",
  roundId: "rnd-1",
  groupId: "grp-1",
  communityId: "com-demo",
  communityName: "Harbour Managers' Circle",
  buddies: [{ userId: "aad-user-jonas", displayName: "Jonas Weber", department: "Engineering", title: "Engineering Manager, Payments" }],
  reasons: ["different departments", "never paired before"],
  sprint: SPRINT,
  steps: STEPS,
  chatLink: CHAT,
};

export const INTRO_TRIO: BuddyIntroNotice = {
  ...INTRO_PAIR,
  groupId: "grp-3",
  buddies: [
    { userId: "aad-user-mei", displayName: "Mei Lin", department: "Finance", title: "Controller" },
    { userId: "aad-user-sam", displayName: "Sam *Whitaker*", department: "Engineering" },
  ],
  reasons: ["different departments", "paired 2 rounds ago: nothing better was possible"],
  chatLink: null,
};

export const CHECKIN_MID: BuddyCheckInNotice = {
  kind: "buddy.checkin",
  roundId: "rnd-1",
  groupId: "grp-1",
  communityId: "com-demo",
  communityName: "Harbour Managers' Circle",
  stage: "mid",
  buddyNames: ["Jonas Weber"],
  sprint: SPRINT,
  steps: STEPS,
  practices: [{ id: "prc-1", name: "Weekly one-to-ones" }],
};

export const CHECKIN_CLOSING: BuddyCheckInNotice = {
  ...CHECKIN_MID,
  groupId: "grp-3",
  stage: "closing",
  buddyNames: ["Mei Lin", "Sam Whitaker"],
  practices: [
    { id: "prc-1", name: "Weekly one-to-ones" },
    { id: "prc-2", name: "Feedback in the moment" },
  ],
};


describe("buddyIntroCard", () => {
  it("a pair: names the buddy, their department and title, why, the steps and dates, and a chat button", () => {
    const card = buddyIntroCard(INTRO_PAIR, { tab: TAB });
    expectTeamsReady(card);
    expect(text(card)).toContain("Meet your buddy");
    expect(text(card)).toContain("Jonas Weber");
    expect(text(card)).toContain("Engineering Manager, Payments · Engineering");
    expect(text(card)).toContain("Different departments, never paired before.");
    for (const step of ["Observe", "Give feedback", "Try one adjustment"]) expect(text(card)).toContain(step);
    expect(text(card)).toContain("Mon, 23 Nov 2026");
    expect(text(card)).toContain("Mon, 30 Nov 2026 (halfway)");
    expect(text(card)).toContain("Sun, 6 Dec 2026");
    expect(card.actions).toEqual([
      { type: "Action.OpenUrl", title: "Message Jonas Weber", url: CHAT },
      { type: "Action.OpenUrl", title: "Open the Buddies tab", url: TAB },
    ]);
    expect(card.fallbackText).toBe("Meet your buddy: Jonas Weber. Your sprint runs Mon, 23 Nov 2026 to Sun, 6 Dec 2026.");
    expect(card).toMatchSnapshot();
  });

  it("a trio: 'buddies', both named (no Markdown from names), no chat button without a link", () => {
    const card = buddyIntroCard(INTRO_TRIO);
    expectTeamsReady(card);
    expect(text(card)).toContain("Meet your buddies");
    expect(text(card)).toContain("in a trio with Mei Lin and Sam Whitaker");
    expect(text(card)).not.toContain("*Whitaker*");
    expect(card.actions).toBeUndefined();
    expect(card).toMatchSnapshot();
  });

  it("a trio with a chat link: one button for the group chat", () => {
    const card = buddyIntroCard({ ...INTRO_TRIO, chatLink: CHAT });
    expect(card.actions?.map((a) => a.title)).toEqual(["Message Mei Lin and Sam Whitaker"]);
  });
});

describe("buddyCheckInCard", () => {
  it("mid-sprint: the steps as a multiselect, a few words, no practice choice, and Send", () => {
    const card = buddyCheckInCard(CHECKIN_MID);
    expectTeamsReady(card);
    expect(text(card)).toContain("Halfway through your sprint");
    expect(input(card, "stepsDone")).toMatchObject({ type: "Input.ChoiceSet", isMultiSelect: true, choices: STEPS.map((value) => expect.objectContaining({ value })) });
    expect(input(card, "text")).toMatchObject({ type: "Input.Text", isMultiline: true, maxLength: 1000 });
    expect(input(card, "practiceId")).toBeUndefined();
    expect(card.actions).toEqual([
      { type: "Action.Execute", title: "Send my check-in", verb: "buddy.reflect", data: { communityId: "com-demo", roundId: "rnd-1", groupId: "grp-1", kind: "mid" }, style: "positive" },
    ]);
    expect(card).toMatchSnapshot();
  });

  it("closing (trio): a practice it can count towards, 'None' first and chosen", () => {
    const card = buddyCheckInCard(CHECKIN_CLOSING);
    expectTeamsReady(card);
    expect(text(card)).toContain("How did your sprint go?");
    expect(text(card)).toContain("Mei Lin and Sam Whitaker");
    expect(input(card, "practiceId")).toMatchObject({
      value: "none",
      choices: [
        { title: "None", value: "none" },
        { title: "Weekly one-to-ones", value: "prc-1" },
        { title: "Feedback in the moment", value: "prc-2" },
      ],
    });
    expect(card.actions?.[0]).toMatchObject({ verb: "buddy.reflect", data: { kind: "closing", groupId: "grp-3" } });
    expect(card).toMatchSnapshot();
  });

  it("closing without practices: no practice choice", () => {
    expect(input(buddyCheckInCard({ ...CHECKIN_CLOSING, practices: [] }), "practiceId")).toBeUndefined();
  });
});

describe("buddyReflectionThanksCard", () => {
  it("shows what was recorded", () => {
    const card = buddyReflectionThanksCard({
      reflection: { kind: "closing", stepsDone: ["observe", "give feedback"], text: "I ask one *open* question first.", practiceId: "prc-1" },
      communityName: "Harbour Managers' Circle",
    });
    expectTeamsReady(card);
    expect(text(card)).toContain("Thanks for your reflection");
    expect(text(card)).toContain("Observe, Give feedback");
    expect(text(card)).toContain("I ask one *open* question first.");
    expect(text(card)).toContain("Counted as evidence");
    expect(card).toMatchSnapshot();
  });

  it("mid-sprint with nothing done yet", () => {
    const card = buddyReflectionThanksCard({ reflection: { kind: "mid", stepsDone: [], text: "" } });
    expect(text(card)).toContain("Thanks for checking in");
    expect(text(card)).toContain("None yet");
    expect(text(card)).not.toContain("evidence");
  });
});

describe("renderNotice for buddy notices", () => {
  it.each([INTRO_PAIR, INTRO_TRIO, CHECKIN_MID, CHECKIN_CLOSING] as Notice[])("$kind renders the same after a JSON round trip", (notice) => {
    expect(NoticeSchema.safeParse(notice).success).toBe(true);
    const card = renderNotice(JSON.parse(JSON.stringify(notice)) as unknown, { tab: TAB });
    expect(card).not.toBeNull();
    expect(card).toEqual(notice.kind === "buddy.intro" ? buddyIntroCard(notice, { tab: TAB }) : buddyCheckInCard(notice as BuddyCheckInNotice));
  });
});

describe("BuddyReflectData (what the check-in card sends)", () => {
  const ids = { communityId: "com-demo", roundId: "rnd-1", groupId: "grp-1" };

  it("reads the multiselect's comma-separated steps, in the sprint's order, once each", () => {
    const data = BuddyReflectData.parse({ ...ids, kind: "closing", stepsDone: "try one adjustment, observe,observe", text: "  kept it up  ", practiceId: "prc-1" });
    expect(data).toMatchObject({ kind: "closing", stepsDone: ["observe", "try one adjustment"], text: "kept it up", practiceId: "prc-1" });
  });

  it("nothing chosen: no steps, no text, 'None' is no practice", () => {
    expect(BuddyReflectData.parse({ ...ids, kind: "mid", stepsDone: "", practiceId: "none" })).toMatchObject({ stepsDone: [], text: "", practiceId: undefined });
    const left = BuddyReflectData.parse({ ...ids, kind: "mid" });
    expect(left).toMatchObject({ stepsDone: [], text: "" });
    expect(left.practiceId).toBeUndefined();
  });

  it.each([
    ["an unknown step", { ...ids, kind: "mid", stepsDone: "observe,dance" }],
    ["an unknown kind", { ...ids, kind: "final" }],
    ["no round", { communityId: "com-demo", groupId: "grp-1", kind: "mid" }],
    ["too long a text", { ...ids, kind: "mid", text: "x".repeat(1001) }],
  ])("refuses %s", (_name, data) => {
    expect(BuddyReflectData.safeParse(data).success).toBe(false);
  });
});
