/**
 * Prompt answers and pilot reports through the bot, end to end: the `prompt.respond` and
 * `pilot.report` buttons as Teams posts them to /api/messages (`adaptiveCard/action`
 * invokes), the real endpoint and commands, the seeded demo community on the embedded store.
 */
import { DEMO_COMMUNITY_ID } from "../../bot/src/commands/demo/people";
import { readPracticeTimeline, startPilot } from "../../bot/src/commands/practices";
import { readReflections } from "../../bot/src/commands/prompts";
import { type PostingView } from "../../bot/src/contracts";
import { type Identity } from "../../bot/src/policies";
import { DEMO_TENANT, JONAS, PRIYA, FATIMA, STRANGER, demoPersonal, invoke } from "./activities";
import { type BotHarness, startBotHarness } from "./harness";

const DIEGO = { id: "29:diego", name: "Diego Alvarez", aadObjectId: "aad-user-diego" };
const GRACE = { id: "29:grace", name: "Grace Mensah", aadObjectId: "aad-user-grace" };
type Person = typeof PRIYA;

let h: BotHarness;

const who = (person: Person): Identity => ({ tenantId: DEMO_TENANT, userId: person.aadObjectId, displayName: person.name });

beforeAll(async () => {
  h = await startBotHarness({ seedDemo: true });
});
afterAll(async () => {
  await h?.close();
});

/** A card button as Teams sends it: the card's data merged with its inputs, all text. */
function press(verb: string, data: Record<string, unknown>, from: Person) {
  return invoke(demoPersonal(h.connector.serviceUrl, from), "adaptiveCard/action", { action: { type: "Action.Execute", id: "", verb, data }, trigger: "manual" }, from);
}
const text = (value: unknown) => JSON.stringify(value ?? {});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking card JSON
type Json = any;
const inputOf = (card: Json, id: string): Json => (card.body as Json[]).find((e) => e.id === id);

async function postingAs(person: Person, postingId: string): Promise<PostingView> {
  const feed = await readReflections(h.ctx, who(person), DEMO_COMMUNITY_ID, { limit: 50 });
  const posting = feed.postings.find((p) => p.id === postingId);
  if (!posting) throw new Error(`${postingId} is not in the feed`);
  return posting;
}

/** What the prompt card's Send button carries for a posting (see promptRef). */
const promptData = (posting: PostingView) => ({
  communityId: DEMO_COMMUNITY_ID,
  postingId: posting.id,
  promptKind: posting.kind,
  text: posting.text,
  value: posting.value,
  communityName: "Harbour Managers' Circle",
});

describe("prompt.respond", () => {
  it("Priya answers pst-demo-1 without her name: thanked, and the feed shows the answer with no author", async () => {
    const posting = await postingAs(PRIYA, "pst-demo-1");
    const words = "I asked the quietest person first, and the whole meeting changed.";
    const inputs =
      posting.kind === "reflective"
        ? { happened: words, intended: "To hear everyone.", learned: "Order matters.", anonymous: "true" }
        : { answer: words, anonymous: "true" };
    const answer = await h.invoke(press("prompt.respond", { ...promptData(posting), ...inputs }, PRIYA));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: { type: "AdaptiveCard", version: "1.5" } });
    expect(text(answer.body.value)).toContain("Thanks for sharing");
    expect(text(answer.body.value)).toContain(words);
    expect(text(answer.body.value)).toContain("Shared without your name");
    expect(text(answer.body.value)).not.toContain("Priya");

    for (const reader of [JONAS, PRIYA, DIEGO]) {
      const feed = await readReflections(h.ctx, who(reader), DEMO_COMMUNITY_ID, { limit: 50 });
      const mine = feed.items.find((r) => r.postingId === "pst-demo-1" && (r.answer === words || r.happened === words));
      expect(mine).toMatchObject({ author: null, anonymous: true });
      expect(text(mine)).not.toContain("aad-user-priya");
      expect(text(mine)).not.toContain("Priya");
    }
    expect(h.log.text()).not.toContain(words);
  });

  it("a reflective posting answered without what happened: the form again, naming what to fill, with what was typed; nothing stored", async () => {
    const posting = await postingAs(PRIYA, "pst-demo-2");
    expect(posting.kind).toBe("reflective");
    const before = await postingAs(PRIYA, "pst-demo-2");
    const answer = await h.invoke(press("prompt.respond", { ...promptData(posting), happened: "   ", intended: "To decide fast.", learned: "Ask first.", anonymous: "false" }, PRIYA));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: "application/vnd.microsoft.card.adaptive" });
    const card = answer.body.value;
    const happened = (card.body as Json[]).findIndex((e) => e.id === "happened");
    expect(card.body[happened]).toMatchObject({ type: "Input.Text", isRequired: true, value: "" });
    expect(card.body[happened + 1]).toMatchObject({ id: "happened-error", color: "attention", text: "Say briefly what happened; what you intended and learned can follow." });
    expect(inputOf(card, "intended").value).toBe("To decide fast.");
    expect(inputOf(card, "learned").value).toBe("Ask first.");
    expect(card.actions[0]).toMatchObject({ verb: "prompt.respond", data: { postingId: "pst-demo-2", promptKind: "reflective" } });
    const after = await postingAs(PRIYA, "pst-demo-2");
    expect(after.responseCount).toBe(before.responseCount);
    expect(after.myResponse).toEqual(before.myResponse);
  });

  it("a card without the posting's details: the refusal is a message beside it", async () => {
    const answer = await h.invoke(press("prompt.respond", { communityId: DEMO_COMMUNITY_ID, postingId: "pst-demo-2", anonymous: "false" }, PRIYA));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: "application/vnd.microsoft.activity.message" });
    expect(String(answer.body.value)).toMatch(/happened/i);
  });

  it("a sponsor, who reads only, is refused with a sentence; nothing stored", async () => {
    const posting = await postingAs(JONAS, "pst-demo-1");
    const before = posting.responseCount;
    const answer = await h.invoke(press("prompt.respond", { ...promptData(posting), answer: "From the sponsor", happened: "From the sponsor", anonymous: "false" }, GRACE));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).not.toContain("Thanks for sharing");
    expect(text(answer.body.value)).toContain("Sponsors read the reflections");
    expect(inputOf(answer.body.value, "answer")?.value ?? inputOf(answer.body.value, "happened")?.value).toBe("From the sponsor");
    expect((await postingAs(JONAS, "pst-demo-1")).responseCount).toBe(before);
  });

  it("someone outside the community is refused with a sentence, never a 500", async () => {
    const posting = await postingAs(JONAS, "pst-demo-1");
    const answer = await h.invoke(press("prompt.respond", { ...promptData(posting), answer: "hi", happened: "hi" }, STRANGER));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).not.toContain("Thanks for sharing");
    expect(text(answer.body.value)).toMatch(/not a member/i);
  });

  it("unreadable data is a 400 that says why", async () => {
    const answer = await h.invoke(press("prompt.respond", { communityId: DEMO_COMMUNITY_ID, answer: "hi" }, PRIYA));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest" } });
    expect(answer.body.value.message).toBe("This answer could not be read, so nothing was saved: The prompt is missing.");
  });
});

describe("pilot.report", () => {
  const PRACTICE_ID = "prc-demo-4";
  let pilotId: string;
  let practiceName: string;

  beforeAll(async () => {
    const started = await startPilot(h.ctx, who(FATIMA), DEMO_COMMUNITY_ID, PRACTICE_ID, { startOn: "2026-11-20", checkBackOn: "2026-12-04", commitment: "Log every team-wide change in one place." });
    pilotId = started.pilot.id;
    practiceName = started.practice.name;
  });

  /** What the check-back card's Send button carries (see pilotRef). */
  const pilotData = () => ({
    communityId: DEMO_COMMUNITY_ID,
    pilotId,
    practiceId: PRACTICE_ID,
    practiceName,
    communityName: "Harbour Managers' Circle",
    commitment: "Log every team-wide change in one place.",
    startOn: "2026-11-20",
    checkBackOn: "2026-12-04",
  });
  const pilotNow = async () => (await readPracticeTimeline(h.ctx, who(FATIMA), DEMO_COMMUNITY_ID, PRACTICE_ID)).pilots.find((p) => p.id === pilotId);

  it("an outcome that is not one of the three: 400 with a sentence, never a 500; nothing stored", async () => {
    const answer = await h.invoke(press("pilot.report", { ...pilotData(), outcome: "great", stillUsing: "true" }, FATIMA));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest" } });
    expect(answer.body.value.message).toBe("This report could not be read, so nothing was saved: How it went must be chosen: it worked, mixed, or it didn't work.");
    expect(await pilotNow()).toMatchObject({ status: "active" });
  });

  it("someone else's pilot: the form again with the sentence and what they typed; nothing stored", async () => {
    const answer = await h.invoke(press("pilot.report", { ...pilotData(), outcome: "mixed", whatChanged: "Not mine to say", stillUsing: "false" }, DIEGO));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: "application/vnd.microsoft.card.adaptive" });
    const card = answer.body.value;
    expect((card.body as Json[]).find((e) => e.color === "attention")?.text).toMatch(/only the manager who ran this pilot/i);
    expect(inputOf(card, "outcome").value).toBe("mixed");
    expect(inputOf(card, "whatChanged").value).toBe("Not mine to say");
    expect(text(card)).not.toContain("Thanks for your report");
    const pilot = await pilotNow();
    expect(pilot).toMatchObject({ status: "active" });
    expect(pilot?.report).toBeUndefined();
    const { events } = await readPracticeTimeline(h.ctx, who(FATIMA), DEMO_COMMUNITY_ID, PRACTICE_ID);
    expect(events.filter((e) => e.kind === "report" && e.byName === "Diego Alvarez")).toEqual([]);
  });

  it("Fatima reports it worked: the card says it counted, and the practice's timeline shows the report", async () => {
    const answer = await h.invoke(press("pilot.report", { ...pilotData(), outcome: "worked", whatChanged: "Fewer surprises in stand-ups.", signal: "Nobody asked 'who decided this?' this fortnight.", stillUsing: "true" }, FATIMA));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: { type: "AdaptiveCard", version: "1.5" } });
    const card = text(answer.body.value);
    expect(card).toContain("Thanks for your report");
    expect(card).toContain("It worked");
    expect(card).toContain(`Counted as evidence for **${practiceName}**`);
    expect(card).toContain("Fewer surprises in stand-ups.");
    const { events, pilots } = await readPracticeTimeline(h.ctx, who(FATIMA), DEMO_COMMUNITY_ID, PRACTICE_ID);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: "report", byName: "Fatima Haddad", outcome: "worked", whatChanged: "Fewer surprises in stand-ups.", signal: "Nobody asked 'who decided this?' this fortnight.", stillUsing: true }),
    );
    expect(pilots.find((p) => p.id === pilotId)).toMatchObject({ status: "reported", report: { outcome: "worked", stillUsing: true } });
  });

  it("reporting again replaces the report", async () => {
    const answer = await h.invoke(press("pilot.report", { ...pilotData(), outcome: "mixed", stillUsing: "false" }, FATIMA));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).toContain("Mixed");
    expect(await pilotNow()).toMatchObject({ status: "reported", report: { outcome: "mixed", stillUsing: false } });
  });
});
