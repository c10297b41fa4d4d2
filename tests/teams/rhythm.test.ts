/**
 * The rhythm through the bot, end to end: text commands and card buttons
 * (`adaptiveCard/action`) as Teams posts them to /api/messages, the real endpoint and
 * commands, the demo community on the embedded store, and the recording connector.
 */
import { createFollowUp } from "../../bot/src/commands/followUps";
import { planCommunity } from "../../bot/src/commands/sessionPlanner";
import { nextSession, readSession } from "../../bot/src/commands/sessionReader";
import { DEMO_COMMUNITY_ID } from "../../bot/src/commands/demo/people";
import { type SessionView } from "../../bot/src/contracts";
import { type Identity } from "../../bot/src/policies";
import { AMARA, DEMO_TENANT, JONAS, PRIYA, STRANGER, demoChannel, demoPersonal, invoke, message, type Where } from "./activities";
import { type BotHarness, cardOf, startBotHarness } from "./harness";

let h: BotHarness;
let session: SessionView;

const who = (person: typeof AMARA): Identity => ({ tenantId: DEMO_TENANT, userId: person.aadObjectId, displayName: person.name });
const MEI = { id: "29:mei", name: "Mei Lin", aadObjectId: "aad-user-mei" };
const DIEGO = { id: "29:diego", name: "Diego Alvarez", aadObjectId: "aad-user-diego" };
/** The sponsor: follows the sessions, never in the rotation. */
const GRACE = { id: "29:grace", name: "Grace Mensah", aadObjectId: "aad-user-grace" };

beforeAll(async () => {
  h = await startBotHarness({ seedDemo: true });
  await planCommunity(h.ctx, DEMO_COMMUNITY_ID);
  const next = await nextSession(h.ctx, who(AMARA), DEMO_COMMUNITY_ID);
  if (!next) throw new Error("the demo community has no upcoming session");
  session = next;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.connector.reset());

/** An `Action.Execute` press (or a refresh) as Teams sends it. */
function cardAction(where: Where, verb: string, data: Record<string, unknown>, from = AMARA, trigger: "manual" | "automatic" = "manual") {
  return invoke(where, "adaptiveCard/action", { action: { type: "Action.Execute", id: "", verb, data }, trigger }, from);
}

const ref = () => ({ communityId: DEMO_COMMUNITY_ID, sessionId: session.id });
const text = (value: unknown) => JSON.stringify(value ?? {});

/** Sends a text command and returns the one card the bot replied with. */
async function ask(where: Where, command: string, from = AMARA): Promise<Record<string, unknown>> {
  const res = await h.post(message(where, command, from));
  expect(res.status).toBe(200);
  expect(h.connector.activities).toHaveLength(1);
  const card = cardOf(h.connector.activities[0]!.activity);
  expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
  h.connector.reset();
  return card!;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking card JSON
type Json = any;
/** The card's Action.Execute buttons with this verb, in the body (ActionSets) and at the bottom; not its refresh. */
function executes(card: Json, verb: string): Json[] {
  const found: Json[] = [];
  const walk = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      if (v.type === "Action.Execute" && v.verb === verb) found.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk([card.body, card.actions]);
  return found;
}

describe("next", () => {
  it("in a personal chat: the next session in the member's own zone, its facilitator, and RSVP buttons", async () => {
    const card: Json = await ask(demoPersonal(h.connector.serviceUrl, JONAS), "next", JONAS);
    expect(text(card)).toContain(session.title);
    expect(text(card)).toContain(session.facilitator!.displayName);
    // Jonas is in Europe/Berlin: 09:00 in London is 10:00 CET for him.
    expect(text(card)).toContain("Tue 24 Nov, 10:00 CET");
    expect(executes(card, "rsvp").map((a) => [a.title, a.data])).toEqual([
      ["Going", { ...ref(), answer: "going" }],
      ["Can't make it", { ...ref(), answer: "not-going" }],
    ]);
    expect(executes(card, "checkin.open")).toHaveLength(1);
  });

  it("in the channel: each reader's device shows its own time", async () => {
    const card = await ask(demoChannel(h.connector.serviceUrl), "next");
    expect(text(card)).toContain("{{DATE(2026-11-24T09:00:00Z, SHORT)}} at {{TIME(2026-11-24T09:00:00Z)}}");
  });

  it("tells someone outside every community to join one first", async () => {
    const card = await ask(demoPersonal(h.connector.serviceUrl, STRANGER), "next", STRANGER);
    expect(text(card)).toContain("Join a community first");
  });
});

describe("agenda", () => {
  it("lists the next session's plan with minutes", async () => {
    const card = await ask(demoPersonal(h.connector.serviceUrl), "agenda");
    expect(text(card)).toContain(`Agenda · `);
    for (const item of session.agenda) {
      expect(text(card)).toContain(`"title":"${item.minutes} min"`);
    }
    expect(session.agenda.length).toBeGreaterThan(0);
  });
});

describe("check-in", () => {
  it("`checkin` in a personal chat is the form, refreshing for the asker", async () => {
    const card: Json = await ask(demoPersonal(h.connector.serviceUrl), "checkin");
    const ids = JSON.stringify(card.body).match(/"id":"[a-z]+"/g);
    expect(ids).toEqual(expect.arrayContaining(['"id":"win"', '"id":"challenge"', '"id":"ask"', '"id":"energy"', '"id":"practice"', '"id":"private"']));
    expect(card.refresh).toEqual({ action: { type: "Action.Execute", verb: "checkin.refresh", data: ref() }, userIds: [AMARA.id] });
    expect(executes(card, "checkin.submit")[0]).toMatchObject({ title: "Check in", data: ref() });
  });

  it("`checkin` in the channel shows no one's answers: the count and a Check in button", async () => {
    const card: Json = await ask(demoChannel(h.connector.serviceUrl), "checkin");
    expect(text(card)).not.toContain('"id":"win"');
    expect(executes(card, "checkin.open")).toHaveLength(1);
    expect(card.refresh.action.verb).toBe("checkin.refresh");
  });

  it("refuses energy 9 with a clear sentence and stores nothing", async () => {
    const answer = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl, PRIYA), "checkin.submit", { ...ref(), win: "x", energy: "9" }, PRIYA));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest" } });
    expect(answer.body.value.message).toContain("Energy must be a number from 1 to 5.");
    expect((await readSession(h.ctx, who(PRIYA), DEMO_COMMUNITY_ID, session.id)).checkIns.mine).toBeNull();
  });

  it("submit through the card: 200 with the checked-in view, the answers stored", async () => {
    const data = { ...ref(), win: "Ran my first skip-level", challenge: "Two leads at odds", ask: "How to mediate?", energy: "4", practice: "Weekly one-to-ones", private: "false" };
    const answer = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl), "checkin.submit", data));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: { type: "AdaptiveCard", version: "1.5" } });
    const card: Json = answer.body.value;
    expect(text(card)).toContain("You're checked in");
    expect(text(card)).toContain("Ran my first skip-level");
    expect(text(card)).toContain("1 person has checked in.");
    expect(executes(card, "checkin.edit")).toHaveLength(1);
    expect(card.refresh.userIds).toEqual([AMARA.id]);

    const stored = await readSession(h.ctx, who(AMARA), DEMO_COMMUNITY_ID, session.id);
    expect(stored.checkIns.mine).toEqual({ win: "Ran my first skip-level", challenge: "Two leads at odds", ask: "How to mediate?", energy: 4, practice: "Weekly one-to-ones", private: false });
    expect(stored.checkIns.count).toBe(1);
  });

  it("a refresh by someone else shows their own view and the shared count, never another's answers", async () => {
    const answer = await h.invoke(cardAction(demoChannel(h.connector.serviceUrl), "checkin.refresh", ref(), JONAS, "automatic"));
    expect(answer.status).toBe(200);
    const card: Json = answer.body.value;
    expect(text(card)).toContain("Check in before we meet");
    expect(text(card)).toContain("1 person has checked in.");
    expect(text(card)).not.toContain("skip-level");
    expect(card.refresh.userIds).toEqual([JONAS.id]);
  });

  it("a refresh for someone outside the community says check-ins are for members", async () => {
    const answer = await h.invoke(cardAction(demoChannel(h.connector.serviceUrl), "checkin.refresh", ref(), STRANGER, "automatic"));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).toContain("Check-ins are for members");
    expect(text(answer.body.value)).not.toContain("checked in");
  });

  it("Edit brings the form back filled in; a private change is saved", async () => {
    const edit = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl), "checkin.edit", ref()));
    expect(text(edit.body.value)).toContain('"value":"Ran my first skip-level"');
    expect(executes(edit.body.value, "checkin.submit")[0].title).toBe("Save changes");
    const saved = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl), "checkin.submit", { ...ref(), win: "Ran my first skip-level", energy: "3", private: "true" }));
    expect(text(saved.body.value)).toContain("Your answers are private");
    expect((await readSession(h.ctx, who(AMARA), DEMO_COMMUNITY_ID, session.id)).checkIns).toMatchObject({ count: 1, mine: { energy: 3, private: true } });
  });
});

describe("rsvp", () => {
  it("records Going and answers with the card showing it", async () => {
    const answer = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl, PRIYA), "rsvp", { ...ref(), answer: "going" }, PRIYA));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).toContain("You're going");
    expect((await readSession(h.ctx, who(PRIYA), DEMO_COMMUNITY_ID, session.id)).rsvp.mine).toBe("going");
  });

  it("from a reminder, answers with the reminder", async () => {
    const answer = await h.invoke(cardAction(demoChannel(h.connector.serviceUrl), "rsvp", { ...ref(), answer: "not-going", from: "reminder", minutesBefore: "1440" }, JONAS));
    expect(text(answer.body.value)).toContain(`${session.title} starts tomorrow`);
    expect(text(answer.body.value)).toContain("You can't make it this time");
  });
});

describe("tasks and followup.done", () => {
  it("lists my open follow-ups, and Mark done ticks one off", async () => {
    const { followUp } = await createFollowUp(h.ctx, who(AMARA), DEMO_COMMUNITY_ID, { title: "Try a silent start in the next team meeting", ownerId: PRIYA.aadObjectId, dueOn: "2026-11-27" });
    const where = demoPersonal(h.connector.serviceUrl, PRIYA);
    const card: Json = await ask(where, "tasks", PRIYA);
    expect(text(card)).toContain("Try a silent start");
    const done = executes(card, "followup.done").find((a) => a.data.followUpId === followUp.id);
    expect(done).toMatchObject({ title: "Mark done", data: { communityId: DEMO_COMMUNITY_ID, followUpId: followUp.id, view: "tasks" } });

    const answer = await h.invoke(cardAction(where, "followup.done", done.data, PRIYA));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).toContain("Marked done: Try a silent start");
    expect(executes(answer.body.value, "followup.done").some((a) => a.data.followUpId === followUp.id)).toBe(false);
    expect((await h.repos.rhythm.followUps.get(DEMO_COMMUNITY_ID, followUp.id))?.doc.status).toBe("done");
  });

  it("someone else cannot mark my follow-up done: a message, nothing changed", async () => {
    const { followUp } = await createFollowUp(h.ctx, who(AMARA), DEMO_COMMUNITY_ID, { title: "Share the retro template", ownerId: PRIYA.aadObjectId, dueOn: "2026-11-30" });
    const answer = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl, DIEGO), "followup.done", { communityId: DEMO_COMMUNITY_ID, followUpId: followUp.id }, DIEGO));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: "application/vnd.microsoft.activity.message" });
    expect(answer.body.value).toMatch(/owner/);
    expect((await h.repos.rhythm.followUps.get(DEMO_COMMUNITY_ID, followUp.id))?.doc.status).toBe("open");
  });
});

describe("malformed card actions get a clear 400, never a 500", () => {
  it.each([
    ["an unknown verb", { action: { type: "Action.Execute", verb: "delete.everything", data: {} } }, /delete\.everything/],
    ["no action at all", {}, /verb is missing/],
    ["a verb without its ids", { action: { type: "Action.Execute", verb: "rsvp", data: { answer: "going" } } }, /The community is missing\./],
    ["an RSVP that is neither", { action: { type: "Action.Execute", verb: "rsvp", data: { communityId: DEMO_COMMUNITY_ID, sessionId: "ses-x", answer: "maybe" } } }, /The answer must be going or not-going\./],
  ])("%s", async (_name, value, message) => {
    const answer = await h.invoke(invoke(demoPersonal(h.connector.serviceUrl), "adaptiveCard/action", value));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
    expect(answer.body.value.message).toMatch(message);
  });

  it("a session that does not exist is a sentence, not an error page", async () => {
    const answer = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl), "rsvp", { communityId: DEMO_COMMUNITY_ID, sessionId: "ses-nope", answer: "going" }));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "That session was not found. It may have been removed since this card was posted: open the Circles tab to see what's current." });
  });
});

describe("swap", () => {
  beforeAll(async () => {
    // Jonas facilitates the next session, whatever the rotation chose.
    const found = await h.repos.rhythm.getSession(DEMO_COMMUNITY_ID, session.id);
    await h.repos.rhythm.sessions.replace({ ...found!.doc, facilitatorId: JONAS.aadObjectId }, found!.etag);
  });

  it("offers willing members to ask, and asking sends the request", async () => {
    const where = demoPersonal(h.connector.serviceUrl, JONAS);
    const card: Json = await ask(where, "swap", JONAS);
    const picker = card.body.find((e: Json) => e.id === "toUserId");
    expect(picker.choices.map((c: Json) => c.value)).toContain(MEI.aadObjectId);
    expect(picker.choices.map((c: Json) => c.value)).not.toContain(JONAS.aadObjectId);
    expect(executes(card, "swap.request")[0].data).toEqual(ref());

    const answer = await h.invoke(cardAction(where, "swap.request", { ...ref(), toUserId: MEI.aadObjectId }, JONAS));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).toContain("Asked Mei Lin");
    const swaps = await h.repos.rhythm.pendingSwaps(DEMO_COMMUNITY_ID);
    expect(swaps.find((s) => s.sessionId === session.id)).toMatchObject({ fromUserId: JONAS.aadObjectId, toUserId: MEI.aadObjectId, status: "pending" });
  });

  it("the asked member declines from the card", async () => {
    const swap = (await h.repos.rhythm.pendingSwaps(DEMO_COMMUNITY_ID)).find((s) => s.sessionId === session.id)!;
    const answer = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl, MEI), "swap.decide", { communityId: DEMO_COMMUNITY_ID, swapId: swap.id, decision: "decline" }, MEI));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).toContain("You declined");
    expect((await h.repos.rhythm.swaps.get(DEMO_COMMUNITY_ID, swap.id))?.doc.status).toBe("declined");
  });

  it("someone not down to facilitate is told so", async () => {
    const card = await ask(demoPersonal(h.connector.serviceUrl, GRACE), "swap", GRACE);
    expect(text(card)).toContain("You're not facilitating an upcoming session");
  });
});

describe("once the session has started", () => {
  beforeAll(() => h.clock.set(new Date(Date.parse(session.startsAt) + 30 * 60 * 1000)));
  afterAll(() => h.clock.set("2026-11-20T09:00:00Z"));

  it("the check-in card reads 'Check-ins closed', and a late submit changes nothing", async () => {
    const refreshed = await h.invoke(cardAction(demoChannel(h.connector.serviceUrl), "checkin.refresh", ref(), AMARA, "automatic"));
    expect(text(refreshed.body.value)).toContain("Check-ins closed");
    expect(text(refreshed.body.value)).toContain("Your check-in");
    expect(executes(refreshed.body.value, "checkin.edit")).toHaveLength(0);

    const late = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl, PRIYA), "checkin.submit", { ...ref(), win: "late" }, PRIYA));
    expect(late.status).toBe(200);
    expect(text(late.body.value)).toContain("Check-ins closed");
    expect((await readSession(h.ctx, who(PRIYA), DEMO_COMMUNITY_ID, session.id)).checkIns.mine).toBeNull();
  });

  it("feedback from the card is stored and thanked", async () => {
    const answer = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl, PRIYA), "feedback.submit", { ...ref(), usefulness: "5", willTry: "A silent start" }, PRIYA));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).toContain("Thanks for your feedback");
    expect(text(answer.body.value)).toContain("A silent start");
    expect((await readSession(h.ctx, who(PRIYA), DEMO_COMMUNITY_ID, session.id)).feedback.mine).toEqual({ usefulness: 5, willTry: "A silent start" });
  });

  it("feedback without a rating is a clear 400", async () => {
    const answer = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl, PRIYA), "feedback.submit", { ...ref(), usefulness: "" }, PRIYA));
    expect(answer.status).toBe(400);
    expect(answer.body.value.message).toContain("How useful it was must be a number from 1 to 5.");
  });
});

describe("when the store fails or is slow", () => {
  const brokenSessions = (repos: BotHarness["repos"], behaviour: () => Promise<never>) => {
    const rhythm = Object.create(repos.rhythm) as BotHarness["repos"]["rhythm"];
    rhythm.getSession = behaviour;
    return { ...repos, rhythm };
  };

  it("a failing card action gets a kind message, never a 500, and logs no answers", async () => {
    const failing = await startBotHarness({ store: h.repos.store, wrapRepos: (repos) => brokenSessions(repos, () => Promise.reject(new Error("store down"))) });
    try {
      const answer = await failing.invoke(cardAction(demoPersonal(failing.connector.serviceUrl), "checkin.submit", { ...ref(), win: "Bob keeps missing deadlines" }));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message" });
      expect(answer.body.value).toContain("something went wrong");
      expect(failing.log.entries.some((e) => (e.obj as { event?: string }).event === "invoke_failed")).toBe(true);
      expect(failing.log.text()).not.toContain("Bob");
    } finally {
      await failing.close();
    }
  });

  it("a slow one is answered before Teams gives up", async () => {
    const slow = await startBotHarness({
      store: h.repos.store,
      invokeDeadlineMs: 150,
      wrapRepos: (repos) => brokenSessions(repos, () => new Promise((_resolve, reject) => setTimeout(() => reject(new Error("too late")), 1500))),
    });
    try {
      const answer = await slow.invoke(cardAction(demoPersonal(slow.connector.serviceUrl), "rsvp", { ...ref(), answer: "going" }));
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(1000);
      expect(answer.body.value).toContain("taking longer than usual");
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await slow.close();
    }
  });
});

describe("skip", () => {
  it("is refused for a plain member, by command and by card", async () => {
    const card = await ask(demoPersonal(h.connector.serviceUrl, PRIYA), "skip", PRIYA);
    expect(text(card)).toContain("Only facilitators and leads can skip a session");
    expect(executes(card, "session.skip")).toHaveLength(0);

    const answer = await h.invoke(cardAction(demoPersonal(h.connector.serviceUrl, PRIYA), "session.skip", ref(), PRIYA));
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe("application/vnd.microsoft.activity.message");
    expect((await h.repos.rhythm.getSession(DEMO_COMMUNITY_ID, session.id))?.doc.status).toBe("scheduled");
  });

  it("asks a lead to confirm, then skips, and says who can undo it", async () => {
    const where = demoPersonal(h.connector.serviceUrl);
    const card: Json = await ask(where, "skip");
    const button = executes(card, "session.skip")[0];
    expect(button).toMatchObject({ title: "Skip this session", data: ref() });
    const answer = await h.invoke(cardAction(where, "session.skip", button.data));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).toContain("is skipped");
    expect(text(answer.body.value)).toContain("Facilitators and leads can undo it in the Sessions tab");
    expect((await h.repos.rhythm.getSession(DEMO_COMMUNITY_ID, session.id))?.doc.status).toBe("skipped");
  });
});
