/**
 * The welcome card is data: pinned by a snapshot, read back through renderNotice the way
 * the scheduler sends it, and what people wrote (purpose, norms, titles, names) never
 * becomes Markdown or links.
 */
import { Notice } from "../../bot/src/contracts";
import { onboardingCard, type OnboardingWelcomeNotice, renderNotice } from "../../bot/src/teams/cards";
import { expectTeamsReady, text } from "./cardChecks";

const TAB = "https://teams.microsoft.com/l/entity/app-id/circles";

const WELCOME: OnboardingWelcomeNotice = {
  kind: "onboarding.welcome",
  communityId: "com-demo",
  communityName: "Harbour Managers' Circle",
  memberName: "Nadia Petrova",
  purpose: "Help every manager here lead a little better each month by learning from each other's real work.",
  norms: ["What is said about a person stays in the room; what is learned may leave it.", "Bring a real situation, not a polished story.", "Ask before advising; offer options, not verdicts."],
  charterVersion: 1,
  cadence: "A 30-minute check-in every Tuesday and a one-hour deep dive on the first Thursday of each month.",
  series: [
    { title: "Weekly check-in", when: "Every week on Tuesday at 09:00 (Europe/London), 30 minutes" },
    { title: "Monthly deep dive", when: "Every month on the 1st Thursday at 15:00 (Europe/London), 60 minutes" },
  ],
  starters: [
    { id: "art-1", title: "First week with a new direct report", type: "checklist", link: "https://example.com/?item=art-1#/library" },
    { id: "art-2", title: "The two-minute feedback routine", type: "playbook", link: "https://example.com/?item=art-2#/library" },
    { id: "art-3", title: "Rotating who chairs the weekly team meeting", type: "decision-log", link: null },
  ],
  contacts: [
    { displayName: "Amara Okafor", role: "Lead", department: "Operations" },
    { displayName: "Jonas Weber", role: "Facilitator", department: "Engineering" },
  ],
};

describe("onboardingCard", () => {
  it("has the charter in brief, how sessions work, three starters with links, who to ask and the way to the tab", () => {
    const card = onboardingCard(WELCOME, { tab: TAB });
    expectTeamsReady(card);
    expect(card).toMatchSnapshot();
    const all = text(card);
    for (const expected of ["Welcome, Nadia", WELCOME.purpose, ...WELCOME.norms, WELCOME.cadence, "Every week on Tuesday at 09:00", "First week with a new direct report (Checklist)", "Amara Okafor, Lead (Operations)"]) {
      expect(all).toContain(expected);
    }
    const opens = card.body.filter((e) => e.type === "ActionSet").flatMap((e) => (e.type === "ActionSet" ? e.actions : []));
    expect(opens.map((a) => a.title)).toEqual(["Open “First week with a new direct report”", "Open “The two-minute feedback routine”"]);
    expect(card.actions?.map((a) => a.title)).toEqual(["Open the Charter tab", "Show help"]);
  });

  it("reads back from a stored notice as the scheduler sends it, and says what is missing in a new community", () => {
    expect(renderNotice(Notice.parse(WELCOME), { tab: TAB })).toEqual(onboardingCard(WELCOME, { tab: TAB }));
    const empty = onboardingCard({ ...WELCOME, purpose: "", norms: [], cadence: "", series: [], starters: [], contacts: [] });
    expectTeamsReady(empty);
    expect(text(empty)).toContain("haven't written the charter yet");
    expect(text(empty)).toContain("No sessions are planned yet.");
    expect(text(empty)).toContain("The library is still empty");
    expect(empty.actions?.map((a) => a.title)).toEqual(["Show help"]);
  });

  it("shows what people wrote verbatim: no Markdown from a name, a norm or a title", () => {
    const card = onboardingCard({ ...WELCOME, communityName: "[Click](https://evil.example) **now**", memberName: "_Mallory_ Smith", norms: ["**Bold** [link](https://evil.example)"] });
    const headings = card.body.filter((e) => e.type === "TextBlock").map((e) => (e.type === "TextBlock" ? e.text : ""));
    expect(headings.join("\n")).not.toContain("](https://evil.example)");
    expect(headings).toContain("Welcome, Mallory");
    // The norm is a TextRun (never read as Markdown), kept as written.
    expect(text(card)).toContain('"type":"TextRun","text":"• **Bold** [link](https://evil.example)"');
  });
});
