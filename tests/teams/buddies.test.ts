/**
 * Buddy check-ins through the bot, end to end: the `buddy.reflect` button as Teams posts
 * it to /api/messages (an `adaptiveCard/action` invoke), the real endpoint and command,
 * a round proposed and published in the demo community on the embedded store.
 */
import { proposeRound, publishRound, readBuddies } from "../../bot/src/commands/buddies";
import { DEMO_COMMUNITY_ID } from "../../bot/src/commands/demo/people";
import { type BuddyRound } from "../../bot/src/contracts";
import { type Identity } from "../../bot/src/policies";
import { AMARA, DEMO_TENANT, JONAS, STRANGER, demoPersonal, invoke } from "./activities";
import { type BotHarness, startBotHarness } from "./harness";

let h: BotHarness;
let round: Pick<BuddyRound, "id"> & { groupId: string };

const who = (person: typeof AMARA): Identity => ({ tenantId: DEMO_TENANT, userId: person.aadObjectId, displayName: person.name });

beforeAll(async () => {
  h = await startBotHarness({ seedDemo: true });
  const { round: draft } = await proposeRound(h.ctx, who(JONAS), DEMO_COMMUNITY_ID, { seed: 7 });
  await publishRound(h.ctx, who(JONAS), DEMO_COMMUNITY_ID, draft.id);
  const group = draft.groups.find((g) => g.members.some((m) => m.userId === AMARA.aadObjectId));
  if (!group) throw new Error("Amara is not in the demo round");
  round = { id: draft.id, groupId: group.id };
});
afterAll(async () => {
  await h?.close();
});

/** The check-in card's button as Teams sends it: the card's data merged with its inputs, all text. */
function reflect(data: Record<string, unknown>, from = AMARA) {
  return invoke(demoPersonal(h.connector.serviceUrl, from), "adaptiveCard/action", { action: { type: "Action.Execute", id: "", verb: "buddy.reflect", data }, trigger: "manual" }, from);
}
const ids = () => ({ communityId: DEMO_COMMUNITY_ID, roundId: round.id, groupId: round.groupId });
const text = (value: unknown) => JSON.stringify(value ?? {});

describe("buddy.reflect", () => {
  it("mid-sprint: 200 with thanks and what was recorded; the reflection is stored", async () => {
    const answer = await h.invoke(reflect({ ...ids(), kind: "mid", stepsDone: "give feedback,observe", text: "We met twice; I sat in on a stand-up." }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: { type: "AdaptiveCard", version: "1.5" } });
    expect(text(answer.body.value)).toContain("Thanks for checking in");
    expect(text(answer.body.value)).toContain("Observe, Give feedback");
    expect(text(answer.body.value)).toContain("We met twice; I sat in on a stand-up.");
    const { current } = await readBuddies(h.ctx, who(AMARA), DEMO_COMMUNITY_ID);
    expect(current?.reflections).toEqual([expect.objectContaining({ kind: "mid", stepsDone: ["observe", "give feedback"], text: "We met twice; I sat in on a stand-up." })]);
  });

  it("closing with 'None' as the practice: stored without one", async () => {
    const answer = await h.invoke(reflect({ ...ids(), kind: "closing", stepsDone: "observe,give feedback,try one adjustment", text: "I'll keep asking first.", practiceId: "none" }));
    expect(answer.status).toBe(200);
    expect(text(answer.body.value)).toContain("Thanks for your reflection");
    expect(text(answer.body.value)).not.toContain("evidence");
    const { current } = await readBuddies(h.ctx, who(AMARA), DEMO_COMMUNITY_ID);
    expect(current?.reflections.find((r) => r.kind === "closing")).toMatchObject({ stepsDone: ["observe", "give feedback", "try one adjustment"], text: "I'll keep asking first." });
    expect(current?.reflections.find((r) => r.kind === "closing")?.practiceId).toBeUndefined();
  });

  it.each([
    ["an unknown step", { kind: "mid", stepsDone: "observe,dance" }, "The steps done must be chosen from: observe, give feedback, try one adjustment."],
    ["an unknown kind", { kind: "final" }, "The check-in must be mid or closing."],
    ["a text over 1000 characters", { kind: "mid", text: "x".repeat(1001) }, "Your reflection must be at most 1000 characters."],
  ])("refuses %s with a 400 that says why", async (_name, extra, sentence) => {
    const answer = await h.invoke(reflect({ ...ids(), ...extra }));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest" } });
    expect(answer.body.value.message).toContain("This buddy check-in could not be read, so nothing was saved:");
    expect(answer.body.value.message).toContain(sentence);
  });

  it("a 400 without the round's id", async () => {
    const answer = await h.invoke(reflect({ communityId: DEMO_COMMUNITY_ID, groupId: round.groupId, kind: "mid" }));
    expect(answer.status).toBe(400);
    expect(answer.body.value.message).toContain("The buddy round is missing.");
  });

  it("the command's refusal is a message beside the card: a practice on the mid-sprint check-in", async () => {
    const answer = await h.invoke(reflect({ ...ids(), kind: "mid", practiceId: "prc-anything" }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: "application/vnd.microsoft.activity.message" });
    expect(String(answer.body.value)).toMatch(/practice/i);
  });

  it("someone outside the community is refused with a sentence, nothing stored", async () => {
    const answer = await h.invoke(reflect({ ...ids(), kind: "mid", text: "hi" }, STRANGER));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: "application/vnd.microsoft.activity.message" });
  });
});
