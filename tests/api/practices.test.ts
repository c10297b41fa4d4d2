/**
 * The progress map, pilots and prompts through real HTTP against the seeded demo: moves
 * allowed and refused with the reason, a pilot's check-back card on the local clock and
 * its report as evidence, the habit celebration in the channel exactly once, the prompt
 * bank and its cadence, answers (anonymous ones never name their author) and promotion
 * to the library.
 */
import { DEMO_COMMUNITY_ID, DEMO_PEOPLE, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import {
  AnswerResponse,
  ErrorBody,
  EvidenceRulesResponse,
  PilotResponse,
  PostingResponse,
  PracticeResponse,
  PracticeTimelineView,
  ProgressMapView,
  PromoteResponse,
  PromptBankView,
  PromptItemResponse,
  PromptSettingsResponse,
  ReflectionsFeedView,
  type CheckIn,
} from "../../bot/src/contracts";
import { PROMPT_JOBS, promptWork } from "../../bot/src/commands/prompts";
import { ManualClock } from "../../bot/src/domain/clock";
import { nextPrompt } from "../../bot/src/domain/practices";
import { type ConversationRecord } from "../../bot/src/store/repositories";
import { personalConversation, startRecordingConnector, type RecordedActivity, type RecordingConnector } from "../support/connector";
import { asUser, startServer, type TestServer } from "../support/server";

const clock = new ManualClock("2026-11-20T15:00:00Z"); // a Friday
let server: TestServer;
let connector: RecordingConnector;
const C = `/api/communities/${DEMO_COMMUNITY_ID}`;
const CHANNEL = "19:harbour-general@thread.tacv2";
const as = (user: string) => asUser(server.baseUrl, `aad-user-${user}`);
const json = (method: string, body?: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const map = async (user = "jonas") => ProgressMapView.parse(await (await as(user)(`${C}/practices`)).json());
const practice = async (id: string, user = "jonas") => (await map(user)).practices.find((p) => p.id === id)!;
const move = (user: string, id: string, body: unknown) => as(user)(`${C}/practices/${id}/move`, json("POST", body));
const cardsIn = (conversationId: string, text: RegExp) => connector.activities.filter((a) => a.conversationId === conversationId && text.test(JSON.stringify(a.activity)));
const cardText = (a: RecordedActivity) => JSON.stringify(a.activity);

async function error(res: Response, status: number) {
  expect(res.status).toBe(status);
  return ErrorBody.parse(await res.json()).error;
}

beforeAll(async () => {
  [server, connector] = await Promise.all([startServer({ clock }), startRecordingConnector()]);
  for (const p of DEMO_PEOPLE) await server.ctx.repos.directory.saveConversation(personalConversation(connector, DEMO_TENANT_ID, p.userId, clock.now().toISOString()));
  const channel: ConversationRecord = {
    tenantId: DEMO_TENANT_ID,
    conversationId: CHANNEL,
    scope: "team",
    teamId: "19:demo-harbour-managers@thread.tacv2",
    communityId: DEMO_COMMUNITY_ID,
    reference: { serviceUrl: connector.serviceUrl, channelId: "msteams", conversation: { id: CHANNEL, tenantId: DEMO_TENANT_ID }, bot: { id: "28:bot" } },
    updatedAt: clock.now().toISOString(),
  };
  await server.ctx.repos.directory.saveConversation(channel);
  // Whatever the demo queued for the seed's moment (reminders, plans) goes out first.
  await server.scheduler.runDue();
  connector.reset();
});
afterAll(async () => {
  await connector.close();
  await server.close();
});

describe("the progress map", () => {
  it("shows the demo practices by priority and stage, with pilots, evidence and the next rule", async () => {
    const view = await map("priya");
    expect(view.priorities.map((p) => p.id)).toEqual(["psychological-safety", "inclusive-decisions", "accountability", "feedback"]);
    expect(view.stages.map((s) => s.stage)).toEqual(["concept", "piloting", "adopted", "habit"]);
    expect(view.stages.find((s) => s.stage === "habit")!.rule).toBe("At least 3 managers report still using it after 4 weeks or more.");
    expect(Object.fromEntries(view.practices.map((p) => [p.id, p.stage]))).toEqual({
      "prc-demo-1": "habit",
      "prc-demo-2": "adopted",
      "prc-demo-3": "adopted",
      "prc-demo-4": "piloting",
      "prc-demo-5": "piloting",
      "prc-demo-6": "concept",
    });
    const five = view.practices.find((p) => p.id === "prc-demo-5")!;
    expect(five).toMatchObject({ activePilots: 1, next: { stage: "adopted", met: false, progress: "1 of 2 managers reported it worked" }, myPilot: { status: "reported", mine: true } });
    expect(five.latestEvidence).toMatchObject({ kind: "report", byName: "Priya Raman", outcome: "worked" });
    expect(view.can).toEqual({ manage: false, pilot: true, editRules: false });
    expect((await map("grace")).can).toEqual({ manage: false, pilot: false, editRules: false });
    expect((await map("jonas")).can.manage).toBe(true);
  });

  it("refuses a move that skips a stage or lacks evidence, with the reason; members and sponsors may not move", async () => {
    const short = await error(await move("jonas", "prc-demo-5", { to: "adopted", reason: "Feels adopted" }), 400);
    expect(short).toMatchObject({ field: "to", message: expect.stringContaining("So far: 1 of 2 managers reported it worked") });
    const skip = await error(await move("jonas", "prc-demo-6", { to: "adopted", reason: "Skip ahead" }), 400);
    expect(skip.message).toBe("A practice moves one stage at a time: from Concept it can go to Piloting first, not straight to Adopted.");
    expect(await error(await move("jonas", "prc-demo-6", { to: "piloting" }), 400)).toMatchObject({ field: "reason" });
    expect(await error(await move("jonas", "prc-demo-6", { to: "done", reason: "x" }), 400)).toMatchObject({ field: "to" });
    expect((await error(await move("priya", "prc-demo-6", { to: "piloting", reason: "x" }), 403)).message).toMatch(/facilitators and leads/);
    expect(await error(await move("grace", "prc-demo-6", { to: "piloting", reason: "x" }), 403)).toBeTruthy();
    expect(await error(await move("jonas", "prc-nope", { to: "piloting", reason: "x" }), 404)).toBeTruthy();
    expect((await practice("prc-demo-6")).stage).toBe("concept");
    expect((await practice("prc-demo-5")).stage).toBe("piloting");
  });

  it("records who moved it, when, why and the evidence, forward with evidence and back with a reason", async () => {
    const res = await move("jonas", "prc-demo-6", { to: "piloting", reason: "Olivia is trying it this month" });
    expect(res.status).toBe(200);
    expect(PracticeResponse.parse(await res.json()).practice).toMatchObject({ stage: "piloting", stageChangedAt: clock.now().toISOString() });
    const timeline = PracticeTimelineView.parse(await (await as("grace")(`${C}/practices/prc-demo-6/timeline`)).json());
    expect(timeline.events.at(-1)).toEqual({ kind: "move", at: clock.now().toISOString(), byName: "Jonas Weber", from: "concept", to: "piloting", reason: "Olivia is trying it this month", evidence: { pilotingManagers: 1, workedManagers: 0, sustainedManagers: 0 } });
    expect(timeline.events.map((e) => e.kind)).toEqual(["created", "pilot", "move"]);

    const back = await move("amara", "prc-demo-2", { to: "piloting", reason: "Two teams dropped it after the reorg" });
    expect(back.status).toBe(200);
    expect((await practice("prc-demo-2")).latestEvidence).toMatchObject({ kind: "move", from: "adopted", to: "piloting", byName: "Amara Okafor" });
  });
});

describe("pilots", () => {
  let pilotId: string;

  it("starts a pilot with dates that make sense; one at a time per manager; sponsors don't pilot", async () => {
    const P = `${C}/practices/prc-demo-5/pilots`;
    expect(await error(await as("amara")(P, json("POST", { startOn: "2026-11-20", checkBackOn: "2026-11-19" })), 400)).toMatchObject({ field: "checkBackOn" });
    expect(await error(await as("amara")(P, json("POST", { startOn: "next week", checkBackOn: "2026-12-04" })), 400)).toMatchObject({ field: "startOn" });
    expect(await error(await as("grace")(P, json("POST", { startOn: "2026-11-20", checkBackOn: "2026-12-04" })), 403)).toBeTruthy();
    const res = await as("amara")(P, json("POST", { startOn: "2026-11-20", checkBackOn: "2026-12-04", commitment: "Hand the first half of every 1:1 to my reports" }));
    expect(res.status).toBe(201);
    const { pilot } = PilotResponse.parse(await res.json());
    pilotId = pilot.id;
    expect(pilot).toMatchObject({ status: "active", mine: true, person: { displayName: "Amara Okafor" } });
    expect((await error(await as("amara")(P, json("POST", { startOn: "2026-11-21", checkBackOn: "2026-12-05" })), 400)).message).toMatch(/already piloting/);
    expect((await practice("prc-demo-5", "amara")).myPilot).toMatchObject({ id: pilotId, status: "active" });
  });

  it("sends the check-back card once, at 09:00 on the date in the manager's zone", async () => {
    connector.reset();
    await server.scheduler.runUntil(new Date("2026-12-04T08:59:00Z"), (at) => clock.advanceTo(at));
    expect(cardsIn("a:personal-aad-user-amara", /How did your pilot go|pilot\.report/)).toHaveLength(0);
    await server.scheduler.runUntil(new Date("2026-12-04T09:05:00Z"), (at) => clock.advanceTo(at));
    await server.scheduler.runDue();
    const cards = cardsIn("a:personal-aad-user-amara", /pilot\.report/);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0]!)).toContain(pilotId);
    expect(cardText(cards[0]!)).toContain("Report-owned 1:1 agendas");
  });

  it("turns the report into evidence, so the practice may move on; only its manager reports", async () => {
    const R = `${C}/pilots/${pilotId}/report`;
    expect((await error(await as("priya")(R, json("PUT", { outcome: "worked" })), 403)).message).toMatch(/Only the manager who ran this pilot/);
    expect(await error(await as("amara")(R, json("PUT", { outcome: "great" })), 400)).toMatchObject({ field: "outcome" });
    const res = await as("amara")(R, json("PUT", { outcome: "worked", whatChanged: "My reports bring the hard topics", signal: "Agendas arrive the day before", stillUsing: true }));
    expect(res.status).toBe(200);
    expect(PilotResponse.parse(await res.json()).pilot.report).toMatchObject({ outcome: "worked", weeksUsed: 2, stillUsing: true });
    expect((await practice("prc-demo-5")).next).toMatchObject({ stage: "adopted", met: true, progress: "2 of 2 managers reported it worked" });
    expect((await move("jonas", "prc-demo-5", { to: "adopted", reason: "Two managers saw it work" })).status).toBe(200);
    const timeline = PracticeTimelineView.parse(await (await as("priya")(`${C}/practices/prc-demo-5/timeline`)).json());
    expect(timeline.events.filter((e) => e.kind === "report").map((e) => e.byName)).toContain("Amara Okafor");
  });

  it("withdraws a pilot (it stops counting) and no check-back follows", async () => {
    const res = await as("priya")(`${C}/practices/prc-demo-4/pilots`, json("POST", { startOn: "2026-12-04", checkBackOn: "2026-12-18" }));
    const { pilot } = PilotResponse.parse(await res.json());
    expect((await as("sam")(`${C}/pilots/${pilot.id}/withdraw`, json("POST"))).status).toBe(403);
    expect(PilotResponse.parse(await (await as("priya")(`${C}/pilots/${pilot.id}/withdraw`, json("POST"))).json()).pilot.status).toBe("withdrawn");
    connector.reset();
    await server.scheduler.runUntil(new Date("2026-12-18T12:00:00Z"), (at) => clock.advanceTo(at));
    expect(cardsIn("a:personal-aad-user-priya", new RegExp(pilot.id))).toHaveLength(0);
  });
});

describe("reaching habit", () => {
  it("lets leads set the evidence numbers; sponsors may not; nonsense is refused", async () => {
    expect(await error(await as("grace")(`${C}/practice-rules`, json("PUT", { habitMinManagers: 1 })), 403)).toBeTruthy();
    expect(await error(await as("amara")(`${C}/practice-rules`, json("PUT", { habitMinManagers: 0 })), 400)).toMatchObject({ field: "habitMinManagers" });
    const res = await as("amara")(`${C}/practice-rules`, json("PUT", { habitMinManagers: 1 }));
    expect(EvidenceRulesResponse.parse(await res.json()).rules).toEqual({ adoptedMinReports: 2, habitMinManagers: 1, habitMinWeeks: 4 });
  });

  it("celebrates in the channel exactly once, thanking the managers whose pilots got it there", async () => {
    connector.reset();
    expect((await move("jonas", "prc-demo-3", { to: "habit", reason: "Diego's shifts have run it for a month" })).status).toBe(200);
    await server.scheduler.runDue();
    await server.scheduler.runDue();
    const cards = cardsIn(CHANNEL, /Blameless incident reviews/);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0]!)).toMatch(/Diego Alvarez/);
    expect(cardText(cards[0]!)).toMatch(/Aiko Tanaka/);
    expect(cardText(cards[0]!)).not.toMatch(/Noah Brennan/); // still piloting: not yet thanked
    // Moving back and forth again is a new milestone, but a replay of the same one is not.
    expect((await move("jonas", "prc-demo-3", { to: "adopted", reason: "Checking the replay" })).status).toBe(200);
    await server.scheduler.runDue();
    expect(cardsIn(CHANNEL, /Blameless incident reviews/)).toHaveLength(1);
  });
});

describe("the prompt bank", () => {
  it("is read by everyone and kept by facilitators; a prompt is tied to one of the community's values", async () => {
    const bank = PromptBankView.parse(await (await as("priya")(`${C}/prompts`)).json());
    expect(bank.prompts).toHaveLength(8);
    expect(bank.values).toEqual(["Respect", "Curiosity", "Responsibility", "Belonging"]);
    expect(bank.can.manage).toBe(false);
    expect(bank.settings).toEqual({ enabled: true, weekday: 3, time: "10:00" });
    expect(await error(await as("priya")(`${C}/prompts`, json("POST", { kind: "discussion", text: "Hi", value: "Respect" })), 403)).toBeTruthy();
    expect(await error(await as("jonas")(`${C}/prompts`, json("POST", { kind: "discussion", text: "Hi", value: "Speed" })), 400)).toMatchObject({ field: "value" });
    expect(await error(await as("jonas")(`${C}/prompts`, json("POST", { kind: "poll", text: "Hi", value: "Respect" })), 400)).toMatchObject({ field: "kind" });
    const res = await as("jonas")(`${C}/prompts`, json("POST", { kind: "weekly-question", text: "What made you proud of your team this week?", value: "belonging" }));
    expect(res.status).toBe(201);
    expect(PromptItemResponse.parse(await res.json()).prompt).toMatchObject({ value: "Belonging", active: true, timesPosted: 0 });
  });

  it("posts a prompt on demand to the channel and to personal chats, once; a retired prompt is not posted", async () => {
    await as("jonas")(`${C}/prompts/prm-demo-7`, json("PATCH", { active: false }));
    expect((await error(await as("jonas")(`${C}/prompts/prm-demo-7/post`, json("POST")), 400)).message).toMatch(/retired/);
    await as("jonas")(`${C}/prompts/prm-demo-7`, json("PATCH", { active: true }));
    connector.reset();
    const res = await as("jonas")(`${C}/prompts/prm-demo-7/post`, json("POST"));
    expect(res.status).toBe(201);
    const { posting } = PostingResponse.parse(await res.json());
    await server.scheduler.runDue();
    await server.scheduler.runDue();
    const delivered = connector.activities.filter((a) => cardText(a).includes(posting.id));
    expect(delivered.map((a) => a.conversationId).sort()).toEqual([CHANNEL, "a:personal-aad-user-amara", "a:personal-aad-user-jonas", "a:personal-aad-user-priya"].sort());
  });

  it("posts the weekly prompt on the cadence (Wednesday 10:00 London), and not when switched off", async () => {
    const settings = PromptSettingsResponse.parse(await (await as("jonas")(`${C}/prompt-settings`, json("PUT", { weekday: 3, time: "10:00" }))).json());
    expect(settings.nextPostAt).toBe("2026-12-23T10:00:00.000Z");
    connector.reset();
    await server.scheduler.runUntil(new Date("2026-12-23T10:05:00Z"), (at) => clock.advanceTo(at));
    expect(cardsIn(CHANNEL, /prompt\.respond/)).toHaveLength(1);
    expect(await error(await as("jonas")(`${C}/prompt-settings`, json("PUT", { time: "25:00" })), 400)).toMatchObject({ field: "time" });
    await as("jonas")(`${C}/prompt-settings`, json("PUT", { enabled: false }));
    connector.reset();
    await server.scheduler.runUntil(new Date("2026-12-31T12:00:00Z"), (at) => clock.advanceTo(at));
    expect(cardsIn(CHANNEL, /prompt\.respond/)).toHaveLength(0);
  });
  it("counts every posting on its prompt once, with when it went out, also when a post job runs again after stopping between its writes", async () => {
    const bank = async () => PromptBankView.parse(await (await as("jonas")(`${C}/prompts`)).json()).prompts;
    const before = (await bank()).find((p) => p.id === "prm-demo-3")!;
    const { posting } = PostingResponse.parse(await (await as("jonas")(`${C}/prompts/prm-demo-3/post`, json("POST"))).json());
    expect((await bank()).find((p) => p.id === "prm-demo-3")).toMatchObject({ timesPosted: before.timesPosted + 1, lastPostedAt: posting.postedAt });

    // The cadence's post stopped after writing the posting, before counting it; the job runs again (twice).
    const settings = PromptSettingsResponse.parse(await (await as("jonas")(`${C}/prompt-settings`, json("PUT", { enabled: true }))).json());
    const next = nextPrompt(await server.ctx.repos.practices.prompts.all(DEMO_COMMUNITY_ID))!;
    const job = { id: `prompt-replayed-${next.id}`, payload: { communityId: DEMO_COMMUNITY_ID, at: settings.nextPostAt! } };
    const postedAt = clock.now().toISOString();
    await server.ctx.repos.practices.postings.create({ id: `pst-${job.id}`, communityId: DEMO_COMMUNITY_ID, tenantId: DEMO_TENANT_ID, promptId: next.id, kind: next.kind, text: next.text, value: next.value, postedAt, postedBy: null });
    const post = promptWork(server.ctx)[PROMPT_JOBS.post]!;
    await post(job);
    await post(job);
    expect((await bank()).find((p) => p.id === next.id)).toMatchObject({ timesPosted: next.timesPosted + 1, lastPostedAt: postedAt });
    await as("jonas")(`${C}/prompt-settings`, json("PUT", { enabled: false }));
  });
});

describe("answers and the reflections feed", () => {
  const feed = async (user: string) => ReflectionsFeedView.parse(await (await as(user)(`${C}/reflections?limit=50`)).json());

  it("takes one answer per person (again replaces it); anonymous answers never name their author", async () => {
    const A = `${C}/postings/pst-demo-1/answer`;
    expect(await error(await as("priya")(A, json("PUT", { happened: "wrong field" })), 400)).toMatchObject({ field: "answer" });
    expect(await error(await as("priya")(`${C}/postings/pst-demo-2/answer`, json("PUT", { answer: "x" })), 400)).toMatchObject({ field: "happened" });
    expect(await error(await as("grace")(A, json("PUT", { answer: "Thanks team" })), 403)).toBeTruthy();
    expect((await as("priya")(A, json("PUT", { answer: "First go" }))).status).toBe(200);
    const res = await as("priya")(A, json("PUT", { answer: "The support team closed the backlog; I thanked them at stand-up", anonymous: true }));
    const { reflection } = AnswerResponse.parse(await res.json());
    expect(reflection).toMatchObject({ author: null, anonymous: true, mine: true });

    const jonasFeed = await feed("jonas");
    const hers = jonasFeed.items.filter((i) => i.answer.includes("backlog"));
    expect(hers).toHaveLength(1);
    expect(hers[0]).toMatchObject({ author: null, mine: false });
    expect(JSON.stringify(hers[0])).not.toMatch(/priya/i);
    expect(jonasFeed.items.filter((i) => i.postingId === "pst-demo-1")).toHaveLength(4);
    const first = jonasFeed.postings.find((p) => p.id === "pst-demo-1");
    expect(first?.responseCount ?? 4).toBe(4);
    expect((await feed("priya")).items.find((i) => i.answer.includes("backlog"))?.mine).toBe(true);
  });

  it("pages the feed with a token bound to it", async () => {
    const page1 = ReflectionsFeedView.parse(await (await as("jonas")(`${C}/reflections?limit=2`)).json());
    expect(page1.items).toHaveLength(2);
    expect(page1.continuationToken).not.toBeNull();
    const page2 = ReflectionsFeedView.parse(await (await as("jonas")(`${C}/reflections?limit=2&continuationToken=${encodeURIComponent(page1.continuationToken!)}`)).json());
    expect(page2.postings).toEqual([]);
    expect(page2.items.map((i) => i.id)).not.toContain(page1.items[0]!.id);
    expect(await error(await as("jonas")(`${C}/reflections?continuationToken=nonsense`), 400)).toMatchObject({ field: "continuationToken" });
    expect(await error(await as("jonas")(`${C}/reflections?limit=500`), 400)).toMatchObject({ field: "limit" });
  });

  it("promotes a named answer to the library once, credited to its author and linked to its source; anonymous answers stay in the feed", async () => {
    expect(await error(await as("priya")(`${C}/promotions`, json("POST", { kind: "response", responseId: "ans-demo-4" })), 403)).toBeTruthy();
    const anonymous = await error(await as("jonas")(`${C}/promotions`, json("POST", { kind: "response", responseId: "ans-demo-3" })), 400);
    expect(anonymous.message).toMatch(/shared without a name/);
    expect(anonymous.message).not.toMatch(/noah/i);
    expect((await feed("jonas")).items.find((i) => i.id === "ans-demo-3")).toMatchObject({ author: null, can: { promote: false } });

    const res = await as("jonas")(`${C}/promotions`, json("POST", { kind: "response", responseId: "ans-demo-4" }));
    expect(res.status).toBe(201);
    const { artifact } = PromoteResponse.parse(await res.json());
    expect(artifact).toMatchObject({
      type: "reflection",
      anonymous: false,
      author: { displayName: "Priya Raman" },
      source: { kind: "prompt-response", responseId: "ans-demo-4", postingId: "pst-demo-2" },
      fields: { type: "reflection", learned: expect.stringContaining("Raise it with the person first") },
    });
    expect((await as("diego")(`${C}/artifacts/${artifact.id}`)).status).toBe(200);
    expect(await error(await as("jonas")(`${C}/promotions`, json("POST", { kind: "response", responseId: "ans-demo-4" })), 409)).toBeTruthy();
    expect((await feed("jonas")).items.find((i) => i.id === "ans-demo-4")).toMatchObject({ promotedArtifactId: artifact.id, can: { promote: false } });
  });

  it("keeps an answer that is in the library under its author's name from turning anonymous, and says what to do instead", async () => {
    const A = `${C}/postings/pst-demo-2/answer`;
    const hers = (await feed("priya")).items.find((i) => i.id === "ans-demo-4")!;
    const fields = { happened: hers.happened, intended: hers.intended, learned: hers.learned };
    const refused = await error(await as("priya")(A, json("PUT", { ...fields, anonymous: true })), 409);
    expect(refused.message).toMatch(/in the library under your name/);
    expect(refused.message).toMatch(/remove that item/);
    expect((await feed("jonas")).items.find((i) => i.id === "ans-demo-4")).toMatchObject({ anonymous: false, author: { displayName: "Priya Raman" }, promotedArtifactId: "art-from-ans-demo-4" });
    // Editing it under her name is still hers to do.
    const res = await as("priya")(A, json("PUT", fields));
    expect(res.status).toBe(200);
    expect(AnswerResponse.parse(await res.json()).reflection).toMatchObject({ anonymous: false, promotedArtifactId: "art-from-ans-demo-4" });
  });

  it("finishes a promotion that stopped between writing the library item and linking the answer: the next try links it, a later one is refused", async () => {
    const res = await as("jonas")(`${C}/promotions`, json("POST", { kind: "response", responseId: "ans-demo-5" }));
    expect(res.status).toBe(201);
    const { artifact } = PromoteResponse.parse(await res.json());
    const stored = (await server.ctx.repos.practices.answers.get(DEMO_COMMUNITY_ID, "ans-demo-5"))!;
    const { promotedArtifactId: _linked, ...unlinked } = stored.doc;
    await server.ctx.repos.practices.answers.replace(unlinked, stored.etag);

    // The item already names its author, so the answer cannot turn anonymous meanwhile either.
    expect((await error(await as("sam")(`${C}/postings/pst-demo-2/answer`, json("PUT", { happened: stored.doc.happened, anonymous: true })), 409)).message).toMatch(/in the library under your name/);

    const again = await as("jonas")(`${C}/promotions`, json("POST", { kind: "response", responseId: "ans-demo-5" }));
    expect(again.status).toBe(201);
    expect(PromoteResponse.parse(await again.json()).artifact).toMatchObject({ id: artifact.id, author: { displayName: "Sam Whitaker" } });
    expect((await feed("jonas")).items.find((i) => i.id === "ans-demo-5")).toMatchObject({ promotedArtifactId: artifact.id, can: { promote: false } });
    expect(await error(await as("jonas")(`${C}/promotions`, json("POST", { kind: "response", responseId: "ans-demo-5" })), 409)).toBeTruthy();
  });

  it("promotes a check-in win, but never a private check-in", async () => {
    const checkIns = (await server.ctx.repos.store.container("communities").queryAll<CheckIn>(DEMO_COMMUNITY_ID, { query: "SELECT * FROM c WHERE c.type = 'checkIn'" })) as CheckIn[];
    const open = checkIns.find((c) => !c.private && c.win)!;
    const secret = checkIns.find((c) => c.private)!;
    const res = await as("jonas")(`${C}/promotions`, json("POST", { kind: "check-in-win", sessionId: open.sessionId, userId: open.userId }));
    expect(res.status).toBe(201);
    const win = PromoteResponse.parse(await res.json()).artifact;
    expect(win).toMatchObject({ source: { kind: "check-in-win", sessionId: open.sessionId }, summary: open.win.slice(0, 500) });
    // The item's id says nothing of whose win it was, and promoting it again makes no second item.
    expect(win.id).toMatch(/^art-win-[0-9a-f]{24}$/);
    expect(win.id).not.toContain(open.userId);
    expect(await error(await as("jonas")(`${C}/promotions`, json("POST", { kind: "check-in-win", sessionId: open.sessionId, userId: open.userId })), 409)).toBeTruthy();
    expect(await error(await as("jonas")(`${C}/promotions`, json("POST", { kind: "check-in-win", sessionId: secret.sessionId, userId: secret.userId })), 404)).toBeTruthy();
    expect(await error(await as("jonas")(`${C}/promotions`, json("POST", { kind: "tweet", id: "x" })), 400)).toMatchObject({ field: "kind" });
  });
});
