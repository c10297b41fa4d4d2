/**
 * The prompt, pilot and celebration cards are data: each is pinned by a snapshot, and what
 * matters to people is checked directly (one answer or the three reflective parts, the
 * choice to share without a name, what each button sends, who is thanked, Teams' limits),
 * as is what the buttons' data may hold.
 */
import { type Notice, Notice as NoticeSchema, type PilotView, type ReflectionView } from "../../bot/src/contracts";
import { describeDataProblem, PilotReportData, PromptRespondData } from "../../bot/src/contracts/cardActions";
import { badRequest, forbidden } from "../../bot/src/domain/errors";
import { refusalFor } from "../../bot/src/teams/handlers/practiceCardHandlers";
import {
  type AdaptiveCard,
  pilotCheckBackCard,
  type PilotCheckBackNotice,
  pilotReportedCard,
  practiceHabitCard,
  type PracticeHabitNotice,
  promptAnsweredCard,
  promptCard,
  type PromptPostedNotice,
  renderNotice,
  VERBS,
} from "../../bot/src/teams/cards";
import { expectTeamsReady, input, type Json, text } from "./cardChecks";

const TAB = "https://teams.microsoft.com/l/entity/app-id/circles";
const PRACTICE_LINK = "https://teams.microsoft.com/l/entity/app-id/circles?context=%7B%22subEntityId%22%3A%22practice%2Fprc-demo-1%22%7D";

export const DISCUSSION: PromptPostedNotice = {
  kind: "prompt.posted",
  postingId: "pst-1",
  communityId: "com-demo",
  communityName: "Harbour Managers' Circle",
  promptKind: "discussion",
  text: "When did someone on your team last *disagree* with you openly, and what made it possible?",
  value: "Respect",
  postedAt: "2026-11-20T09:00:00.000Z",
};

export const REFLECTIVE: PromptPostedNotice = {
  ...DISCUSSION,
  postingId: "pst-2",
  promptKind: "reflective",
  text: "Think of a decision you made this week that affected your whole team.",
  value: "Responsibility",
};

export const WEEKLY: PromptPostedNotice = { ...DISCUSSION, postingId: "pst-3", promptKind: "weekly-question", text: "What's one thing you learned from your team this week?", value: "Curiosity" };

export const CHECKBACK: PilotCheckBackNotice = {
  kind: "pilot.checkback",
  pilotId: "plt-1",
  communityId: "com-demo",
  communityName: "Harbour Managers' Circle",
  practiceId: "prc-demo-2",
  practiceName: "Two-minute feedback within a day",
  commitment: "Give one piece of *specific* feedback within a day, every week.",
  startOn: "2026-10-26",
  checkBackOn: "2026-11-23",
};

export const HABIT: PracticeHabitNotice = {
  kind: "practice.habit",
  communityId: "com-demo",
  communityName: "Harbour Managers' Circle",
  practiceId: "prc-demo-1",
  practiceName: "Speak last in team discussions",
  description: "Hold your own view until everyone else has spoken.",
  priorityLabel: "Psychological safety",
  thanks: ["Diego Alvarez", "Sam *Whitaker*", "Fatima Haddad", "Lucas Moreau"],
  evidenceLine: "4 managers have used it for 4 weeks or more",
  link: PRACTICE_LINK,
};

const inputIds = (card: AdaptiveCard) => (card.body as Json[]).filter((e) => String(e.type).startsWith("Input.")).map((e) => e.id as string);

const reflection = (over: Partial<ReflectionView> = {}): ReflectionView => ({
  id: "rsp-1",
  postingId: "pst-2",
  prompt: { kind: "reflective", text: REFLECTIVE.text, value: "Responsibility" },
  postedAt: "2026-11-20T09:00:00.000Z",
  author: null,
  anonymous: true,
  mine: true,
  answer: "",
  happened: "I moved the release without asking the team.",
  intended: "To protect the quarter's plan.",
  learned: "Ask *first*, even when it feels slower.",
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: "2026-11-20T10:00:00.000Z",
  promotedArtifactId: null,
  can: { promote: false },
  ...over,
});

const pilot = (over: Partial<PilotView> = {}): PilotView => ({
  id: "plt-1",
  practiceId: "prc-demo-2",
  person: { userId: "aad-user-priya", displayName: "Priya Raman" },
  commitment: CHECKBACK.commitment,
  startOn: CHECKBACK.startOn,
  checkBackOn: CHECKBACK.checkBackOn,
  status: "reported",
  report: { outcome: "worked", whatChanged: "People bring *problems* earlier.", signal: "Two issues raised in the first week", stillUsing: true, reportedAt: "2026-11-23T10:00:00.000Z", weeksUsed: 4 },
  mine: true,
  ...over,
});

describe("promptCard", () => {
  it("a discussion prompt: kind and value in the kicker, the text as written, one answer, the anonymous toggle, Send", () => {
    const card = promptCard(DISCUSSION);
    expectTeamsReady(card);
    expect((card.body[0] as Json).text).toBe("Discussion · Respect · Harbour Managers' Circle");
    expect(card.body).toContainEqual(expect.objectContaining({ type: "RichTextBlock", inlines: [expect.objectContaining({ text: DISCUSSION.text })] }));
    expect(inputIds(card)).toEqual(["answer", "anonymous"]);
    expect(input(card, "answer")).toMatchObject({ type: "Input.Text", isMultiline: true, maxLength: 2000, isRequired: true, value: "" });
    expect(input(card, "anonymous")).toMatchObject({ type: "Input.Toggle", title: "Share without my name", value: "false", valueOn: "true", valueOff: "false" });
    expect(text(card)).toContain("Reflections feed");
    expect(card.actions).toEqual([
      {
        type: "Action.Execute",
        title: "Send my answer",
        verb: "prompt.respond",
        data: { communityId: "com-demo", postingId: "pst-1", promptKind: "discussion", text: DISCUSSION.text, value: "Respect", communityName: "Harbour Managers' Circle" },
        style: "positive",
      },
    ]);
    expect(card).toMatchSnapshot();
  });

  it("a reflective prompt: what happened (required), what you intended, what you learned; no single answer", () => {
    const card = promptCard(REFLECTIVE);
    expectTeamsReady(card);
    expect((card.body[0] as Json).text).toBe("Reflective practice · Responsibility · Harbour Managers' Circle");
    expect(inputIds(card)).toEqual(["happened", "intended", "learned", "anonymous"]);
    expect(input(card, "happened")).toMatchObject({ label: "What happened?", maxLength: 2000, isRequired: true });
    expect(input(card, "intended")).toMatchObject({ label: "What did you intend?", maxLength: 1000 });
    expect(input(card, "intended").isRequired).toBeUndefined();
    expect(input(card, "learned")).toMatchObject({ label: "What did you learn?", maxLength: 2000 });
    expect(input(card, "answer")).toBeUndefined();
    expect(card).toMatchSnapshot();
  });

  it("a weekly question: one answer, its own heading", () => {
    const card = promptCard(WEEKLY);
    expect(inputIds(card)).toEqual(["answer", "anonymous"]);
    expect(text(card)).toContain("This week's question");
    expect((card.body[0] as Json).text).toBe("Weekly question · Curiosity · Harbour Managers' Circle");
  });

  it("refused: the sentence above the form, a line under the field, and what was typed kept", () => {
    const card = promptCard(REFLECTIVE, {
      problem: "Say what happened: a reflective answer starts there.",
      problemField: "happened",
      values: { happened: "", intended: "To listen", learned: "More than I thought", anonymous: true },
    });
    expectTeamsReady(card);
    const happened = (card.body as Json[]).findIndex((e) => e.id === "happened");
    expect(card.body[happened + 1]).toMatchObject({ id: "happened-error", text: "Say what happened: a reflective answer starts there.", color: "attention" });
    expect((card.body as Json[]).filter((e) => e.color === "attention")).toHaveLength(1);
    expect(input(card, "intended").value).toBe("To listen");
    expect(input(card, "learned").value).toBe("More than I thought");
    expect(input(card, "anonymous").value).toBe("true");
    expect(card).toMatchSnapshot();
  });
});

describe("promptAnsweredCard", () => {
  it("anonymous reflective answer: thanks, the three parts as written, shared without the name", () => {
    const card = promptAnsweredCard({ reflection: reflection(), communityId: "com-demo", communityName: "Harbour Managers' Circle" });
    expectTeamsReady(card);
    expect(text(card)).toContain("Thanks for sharing");
    expect(text(card)).toContain("I moved the release without asking the team.");
    expect(text(card)).toContain("Ask *first*, even when it feels slower.");
    expect(text(card)).toContain("Shared without your name");
    expect(inputIds(card)).toEqual([]);
    expect(card.actions).toBeUndefined();
    expect(card).toMatchSnapshot();
  });

  it("a named discussion answer: says it was shared with the name", () => {
    const card = promptAnsweredCard({
      reflection: reflection({ prompt: { kind: "discussion", text: DISCUSSION.text, value: "Respect" }, anonymous: false, author: { userId: "aad-user-priya", displayName: "Priya Raman" }, answer: "In Monday's retro.", happened: "", intended: "", learned: "" }),
      communityId: "com-demo",
    });
    expect(text(card)).toContain("In Monday's retro.");
    expect(text(card)).toContain("Shared with your name");
    expect(text(card)).not.toContain("What happened");
  });

  it("with a problem: the form again with the sentence and the typed values", () => {
    const card = promptAnsweredCard({ reflection: reflection(), communityId: "com-demo", problem: "This prompt is closed.", values: { happened: "typed again" } });
    expect(text(card)).toContain("This prompt is closed.");
    expect(input(card, "happened").value).toBe("typed again");
    expect(card.actions?.[0]).toMatchObject({ verb: VERBS.promptRespond, data: { communityId: "com-demo", postingId: "pst-2", promptKind: "reflective" } });
  });
});

describe("pilotCheckBackCard", () => {
  it("asks how it went: outcome (required, expanded), what changed, the signal, still using; Send carries the pilot", () => {
    const card = pilotCheckBackCard(CHECKBACK);
    expectTeamsReady(card);
    expect(text(card)).toContain("How did your pilot go?");
    expect(text(card)).toContain("**Two-minute feedback within a day**");
    expect(text(card)).toContain("Mon, 26 Oct 2026");
    expect(text(card)).toContain("Give one piece of *specific* feedback within a day, every week.");
    expect(inputIds(card)).toEqual(["outcome", "whatChanged", "signal", "stillUsing"]);
    expect(input(card, "outcome")).toMatchObject({
      type: "Input.ChoiceSet",
      style: "expanded",
      isRequired: true,
      errorMessage: expect.any(String),
      value: "",
      choices: [
        { title: "It worked", value: "worked" },
        { title: "Mixed", value: "mixed" },
        { title: "It didn't work", value: "did-not-work" },
      ],
    });
    expect(input(card, "signal")).toMatchObject({ label: "Which signal did you see?", maxLength: 500 });
    expect(input(card, "whatChanged")).toMatchObject({ maxLength: 1000 });
    expect(input(card, "stillUsing")).toMatchObject({ type: "Input.Toggle", title: "I'm still using it", value: "false" });
    expect(card.actions).toEqual([
      {
        type: "Action.Execute",
        title: "Send my report",
        verb: "pilot.report",
        data: {
          communityId: "com-demo",
          pilotId: "plt-1",
          practiceId: "prc-demo-2",
          practiceName: "Two-minute feedback within a day",
          communityName: "Harbour Managers' Circle",
          commitment: CHECKBACK.commitment,
          startOn: "2026-10-26",
          checkBackOn: "2026-11-23",
        },
        style: "positive",
      },
    ]);
    expect(card).toMatchSnapshot();
  });

  it("no commitment written: no empty section", () => {
    expect(text(pilotCheckBackCard({ ...CHECKBACK, commitment: "" }))).not.toContain("What you set out to do");
  });

  it("refused about one input: the sentence right under it", () => {
    const card = pilotCheckBackCard(CHECKBACK, { problem: "The signal you saw must be at most 500 characters.", problemField: "signal" });
    const signal = (card.body as Json[]).findIndex((e) => e.id === "signal");
    expect(card.body[signal + 1]).toMatchObject({ id: "signal-error", text: "The signal you saw must be at most 500 characters." });
    expect((card.body as Json[]).filter((e) => e.color === "attention")).toHaveLength(1);
  });

  it("refused: the sentence, and what was typed (an unknown outcome is not kept)", () => {
    const card = pilotCheckBackCard(CHECKBACK, { problem: "Only the manager who ran this pilot can report on it.", values: { outcome: "great", whatChanged: "More questions", stillUsing: true } });
    expect(text(card)).toContain("Only the manager who ran this pilot can report on it.");
    expect(input(card, "outcome").value).toBe("");
    expect(input(card, "whatChanged").value).toBe("More questions");
    expect(input(card, "stillUsing").value).toBe("true");
    expect(pilotCheckBackCard(CHECKBACK, { values: { outcome: "mixed" } }).body).toContainEqual(expect.objectContaining({ id: "outcome", value: "mixed" }));
  });
});

describe("pilotReportedCard", () => {
  const practice = { id: "prc-demo-2", name: "Two-minute feedback within a day", stage: "adopted" as const };

  it("thanks, the report as recorded, counted as evidence for the practice", () => {
    const card = pilotReportedCard({ pilot: pilot(), practice, communityId: "com-demo", communityName: "Harbour Managers' Circle" });
    expectTeamsReady(card);
    expect(text(card)).toContain("Thanks for your report");
    expect(card.body).toContainEqual({
      type: "FactSet",
      facts: [
        { title: "Practice", value: "Two-minute feedback within a day" },
        { title: "How it went", value: "It worked" },
        { title: "Still using it", value: "Yes" },
        { title: "Tried for", value: "4 weeks" },
      ],
    });
    expect(text(card)).toContain("People bring *problems* earlier.");
    expect(text(card)).toContain("Counted as evidence for **Two-minute feedback within a day**, now at the Adopted stage.");
    expect(inputIds(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it("with a problem: the form again with the sentence", () => {
    const card = pilotReportedCard({ pilot: pilot(), practice, communityId: "com-demo", problem: "This pilot was withdrawn.", values: { outcome: "mixed" } });
    expect(text(card)).toContain("This pilot was withdrawn.");
    expect(input(card, "outcome").value).toBe("mixed");
    expect(card.actions?.[0]).toMatchObject({ verb: VERBS.pilotReport, data: { communityId: "com-demo", pilotId: "plt-1" } });
  });
});

describe("practiceHabitCard", () => {
  it("celebrates the practice and thanks each person by name (no Markdown from names), with Open", () => {
    const card = practiceHabitCard(HABIT, { tab: TAB });
    expectTeamsReady(card);
    expect(text(card)).toContain("A new habit: Speak last in team discussions");
    expect(text(card)).toContain("Psychological safety");
    expect(text(card)).toContain("4 managers have used it for 4 weeks or more");
    expect(text(card)).toContain("Thank you, Diego Alvarez, Sam Whitaker, Fatima Haddad and Lucas Moreau");
    expect(text(card)).not.toContain("*Whitaker*");
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open the progress map", url: PRACTICE_LINK }]);
    expect(card).toMatchSnapshot();
  });

  it("no one to name: thanks the community; without its own link, the tab", () => {
    const card = practiceHabitCard({ ...HABIT, thanks: [], link: null }, { tab: TAB });
    expect(text(card)).toContain("Thank you to everyone who tried it");
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open the progress map", url: TAB }]);
  });

  it("no link at all: no button", () => {
    expect(practiceHabitCard({ ...HABIT, link: null }).actions).toBeUndefined();
  });
});

describe("renderNotice for prompts, pilots and celebrations", () => {
  it.each([DISCUSSION, REFLECTIVE, CHECKBACK, HABIT] as Notice[])("$kind renders the same after a JSON round trip", (notice) => {
    expect(NoticeSchema.safeParse(notice).success).toBe(true);
    const card = renderNotice(JSON.parse(JSON.stringify(notice)) as unknown, { tab: TAB });
    expect(card).not.toBeNull();
    const expected =
      notice.kind === "prompt.posted" ? promptCard(notice) : notice.kind === "pilot.checkback" ? pilotCheckBackCard(notice) : practiceHabitCard(notice as PracticeHabitNotice, { tab: TAB });
    expect(card).toEqual(expected);
  });

  it("a long prompt and many names still fit Teams' limits", () => {
    const long = renderNotice({ ...REFLECTIVE, text: "x ".repeat(250).trim() });
    expect(long).not.toBeNull();
    expectTeamsReady(long!);
    const crowd = renderNotice({ ...HABIT, thanks: Array.from({ length: 200 }, (_, i) => `Manager Number ${i}`), description: "d".repeat(2000) });
    expectTeamsReady(crowd!);
  });
});

describe("PromptRespondData (what the prompt card sends)", () => {
  const ids = { communityId: "com-demo", postingId: "pst-1" };

  it("reads the inputs as text and the toggle as a boolean; the posting's echo is kept when it reads", () => {
    const data = PromptRespondData.parse({ ...ids, answer: "  In our retro  ", anonymous: "true", promptKind: "discussion", text: "Q?", value: "Respect", communityName: "Harbour" });
    expect(data).toMatchObject({ answer: "In our retro", happened: "", intended: "", learned: "", anonymous: true, promptKind: "discussion", text: "Q?", value: "Respect", communityName: "Harbour" });
  });

  it("a stale or tampered echo is dropped, never refused", () => {
    const data = PromptRespondData.parse({ ...ids, answer: "hi", promptKind: "poem", text: 42, value: "v".repeat(100) });
    expect(data.promptKind).toBeUndefined();
    expect(data.value).toBeUndefined();
    expect(data.anonymous).toBe(false);
  });

  it.each([
    ["no posting", { communityId: "com-demo", answer: "hi" }, "The prompt is missing."],
    ["a toggle that is not true or false", { ...ids, anonymous: "maybe" }, "Anonymous must be true or false."],
    ["too long an answer", { ...ids, answer: "x".repeat(2001) }, "The answer must be at most 2000 characters."],
    ["too long a 'what happened'", { ...ids, happened: "x".repeat(2001) }, "What happened must be at most 2000 characters."],
  ])("refuses %s with a sentence", (_name, data, sentence) => {
    const result = PromptRespondData.safeParse(data);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeDataProblem(result.error)).toBe(sentence);
  });
});

describe("PilotReportData (what the check-back card sends)", () => {
  const ids = { communityId: "com-demo", pilotId: "plt-1" };

  it("reads the outcome, the texts and the toggle", () => {
    expect(PilotReportData.parse({ ...ids, outcome: "worked", whatChanged: " more ideas ", stillUsing: "true", startOn: "2026-10-26", practiceName: "Speak last" })).toMatchObject({
      outcome: "worked",
      whatChanged: "more ideas",
      signal: "",
      stillUsing: true,
      startOn: "2026-10-26",
      practiceName: "Speak last",
    });
    expect(PilotReportData.parse({ ...ids, outcome: "did-not-work", startOn: "not a date" }).startOn).toBeUndefined();
  });

  it.each([
    ["an outcome that is not one of the three", { ...ids, outcome: "great" }, "How it went must be chosen: it worked, mixed, or it didn't work."],
    ["no outcome", { ...ids }, "How it went must be chosen: it worked, mixed, or it didn't work."],
    ["an empty outcome (nothing chosen)", { ...ids, outcome: "" }, "How it went must be chosen: it worked, mixed, or it didn't work."],
    ["no pilot", { communityId: "com-demo", outcome: "worked" }, "The pilot is missing."],
    ["too long a signal", { ...ids, outcome: "mixed", signal: "x".repeat(501) }, "The signal you saw must be at most 500 characters."],
  ])("refuses %s with a sentence", (_name, data, sentence) => {
    const result = PilotReportData.safeParse(data);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeDataProblem(result.error)).toBe(sentence);
  });
});

describe("refusalFor (a command's refusal as the form's sentence)", () => {
  const names = { happened: "What happened", signal: "The signal you saw" };

  it.each([
    ["a field's rule", badRequest("signal: must be at most 500 characters", "signal"), { problem: "The signal you saw must be at most 500 characters.", problemField: "signal" }],
    ["a field's own sentence", badRequest("happened: say briefly what happened.", "happened"), { problem: "Say briefly what happened.", problemField: "happened" }],
    ["a field the form does not have", badRequest("startOn: must be a date", "startOn"), { problem: "startOn: must be a date" }],
    ["no field", forbidden("Only the manager who ran this pilot can report on it."), { problem: "Only the manager who ran this pilot can report on it." }],
  ])("%s", (_name, error, expected) => {
    expect(refusalFor(error, names)).toEqual(expected);
  });

  it("anything that is not a refusal is rethrown", () => {
    expect(() => refusalFor(new Error("store down"), names)).toThrow("store down");
  });
});
