/**
 * The proactive sender reaches a conversation from the reference stored at install, and
 * turns the connector's refusals into outcomes the scheduler can act on.
 */
import { createProactiveSender, type ProactiveSender } from "../../bot/src/teams";
import { hintCard } from "../../bot/src/teams/cards";
import { classify } from "../../bot/src/teams/proactiveSender";
import { JONAS, TENANT, botAdded, personalChat, teamChannel } from "./activities";
import { type BotHarness, LOCAL_CONFIG, cardOf, startBotHarness } from "./harness";

let h: BotHarness;
let sender: ProactiveSender;
let personalReference: Record<string, unknown>;

beforeAll(async () => {
  h = await startBotHarness();
  sender = createProactiveSender({ config: LOCAL_CONFIG, logger: h.log });
  await h.post(botAdded(personalChat(h.connector.serviceUrl, JONAS), JONAS));
  personalReference = (await h.repos.directory.getPersonalConversation(TENANT, JONAS.aadObjectId))!.reference;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.connector.reset());

it("posts a card as a new message in the stored conversation", async () => {
  const outcome = await sender.sendCard(personalReference, hintCard());
  const [sent] = await h.connector.waitForActivities(1);
  expect(outcome).toEqual({ status: "sent", activityId: sent!.id });
  expect(sent).toMatchObject({ method: "POST", conversationId: personalChat(h.connector.serviceUrl, JONAS).conversationId, targetActivityId: undefined });
  expect(cardOf(sent!.activity)).toEqual(hintCard());
  expect(sent!.activity).toMatchObject({ recipient: { id: JONAS.id }, conversation: { id: personalChat(h.connector.serviceUrl, JONAS).conversationId } });
});

it("posts into a team's channel from the team's stored reference", async () => {
  const where = teamChannel(h.connector.serviceUrl, "19:proactive-team@thread.tacv2", "Proactive Team");
  await h.post(botAdded(where));
  h.connector.reset();
  const stored = await h.repos.directory.getConversation(TENANT, where.conversationId);
  const outcome = await sender.sendText(stored!.reference, "Session tomorrow at 10:00");
  expect(outcome.status).toBe("sent");
  expect(h.connector.activities.map((a) => [a.conversationId, a.activity.text])).toEqual([[where.conversationId, "Session tomorrow at 10:00"]]);
});

it.each([
  [403, { status: "gone", httpStatus: 403 }],
  [404, { status: "gone", httpStatus: 404 }],
])("reports %i as gone so the reference can be dropped", async (status, expected) => {
  h.connector.failNext({ status }, 5);
  expect(await sender.sendText(personalReference, "hello")).toEqual(expected);
  expect(h.connector.activities).toHaveLength(0);
});

it("leaves a passing 503 to the connector client's own retry and delivers", async () => {
  h.connector.failNext({ status: 503 });
  const outcome = await sender.sendText(personalReference, "hello");
  expect(outcome.status).toBe("sent");
  expect(h.connector.activities).toHaveLength(1);
});

it("reports a refused request as a failure not worth retrying", async () => {
  h.connector.failNext({ status: 400 }, 5);
  expect(await sender.sendText(personalReference, "hello")).toEqual({ status: "failed", retryable: false, httpStatus: 400 });
});

it("reports an unusable reference without calling Teams", async () => {
  expect(await sender.sendText({ conversation: { id: "x" } }, "hello")).toEqual({ status: "failed", retryable: false });
  expect(h.connector.activities).toHaveLength(0);
});

describe("classify", () => {
  const httpError = (statusCode: number, headers: Record<string, string> = {}) =>
    Object.assign(new Error(`HTTP ${statusCode}`), { statusCode, response: { headers: { get: (n: string) => headers[n.toLowerCase()] } } });

  it.each([
    ["429 with Retry-After", httpError(429, { "retry-after": "7" }), { status: "throttled", retryAfterSeconds: 7 }],
    ["429 without Retry-After", httpError(429), { status: "throttled", retryAfterSeconds: 1 }],
    ["412", httpError(412), { status: "failed", retryable: true, httpStatus: 412 }],
    ["502", httpError(502), { status: "failed", retryable: true, httpStatus: 502 }],
    ["503", httpError(503), { status: "failed", retryable: true, httpStatus: 503 }],
    ["504", httpError(504), { status: "failed", retryable: true, httpStatus: 504 }],
    ["401", httpError(401), { status: "failed", retryable: false, httpStatus: 401 }],
    ["a network error", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), { status: "failed", retryable: true }],
  ])("%s → %j", (_name, error, expected) => {
    expect(classify(error)).toEqual(expected);
  });
});
